// The reader app's start (`kiosque pages` writes it as kiosque-start-<hash>.js; docs/wasm-split.md,
// "The app on first use"). Every page is pre-rendered: it is read, and its links followed, without
// the app. The app (its glue and wasm, named with their integrity by this script's data-*
// attributes) is fetched and started when the reader reaches for what only it does: a button, a
// search box (pointed at for 65 ms, touched, pressed or focused). A page that is only a shell for
// the app (no pre-rendered <main>), whose address asks for a view (a search, filters: the class
// kiosque-view), or an article page opened from the home page's list (for its previous and next)
// starts it at once. What the reader did on the pre-rendered page until the app takes its place
// (buttons clicked, text typed, the focus) is carried over to the app's page then.
const app = document.querySelector("script[data-glue]").dataset;
const root = document.getElementById("prerender");
const CONTROL = "button,input,select,textarea,summary,[role=button]";
const clicked = [];
let started = null;
let focused = null;
let hover = 0;

function start() {
  started ||= (async () => {
    for (const [rel, href, integrity, as] of [
      ["modulepreload", app.glue, app.glueIntegrity],
      ["preload", app.wasm, app.wasmIntegrity, "fetch"],
    ]) {
      const link = Object.assign(document.createElement("link"), { rel, href, integrity, crossOrigin: "anonymous" });
      if (as) Object.assign(link, { as, type: "application/wasm" });
      document.head.append(link);
    }
    const bindings = await import(app.glue);
    const wasm = await bindings.default({ module_or_path: app.wasm });
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
  })().catch((error) => {
    started = null;
    console.error("Kiosque: the app could not start; the page works without it", error);
  });
}

// The pre-rendered control an event reached, if any.
const control = (event) =>
  event.target instanceof Element && root.contains(event.target) ? event.target.closest(CONTROL) : null;

const on = {
  pointerover(event) {
    clearTimeout(hover);
    const target = control(event);
    if (target) hover = setTimeout(() => target.matches(":hover") && start(), 65);
  },
  focusin(event) {
    if (root.contains(event.target)) focused = event.target;
    if (control(event)) start();
  },
  focusout() {
    // Once the focus has moved (not when the page is removed, which moves it too).
    queueMicrotask(() => {
      if (root.isConnected && !root.contains(document.activeElement)) focused = null;
    });
  },
  touchstart(event) {
    if (control(event)) start();
  },
  pointerdown(event) {
    if (control(event)) start();
  },
  click(event) {
    const target = control(event);
    if (target && !target.matches("input,select,textarea")) {
      event.preventDefault();
      clicked.push(target);
      start();
    }
  },
  submit(event) {
    if (root.contains(event.target)) {
      event.preventDefault();
      start();
    }
  },
};

// The app's element in the place of pre-rendered `element`: by id, by its data-* attributes when
// they name one element, else at the same position under the page's top elements.
function twin(element) {
  if (element.id) return document.getElementById(element.id);
  const data = [...element.attributes]
    .filter((a) => a.name.startsWith("data-"))
    .map((a) => `[${a.name}="${CSS.escape(a.value)}"]`)
    .join("");
  if (data) {
    const found = document.querySelectorAll(element.localName + data);
    if (found.length === 1) return found[0];
  }
  const path = [];
  for (let node = element; node !== root; node = node.parentElement) {
    path.unshift([...node.parentElement.children].indexOf(node));
  }
  let node = { children: [...document.body.children].filter((n) => !n.matches("script,template,noscript")) };
  for (const index of path) node = node?.children[index];
  return node?.localName === element.localName ? node : null;
}

// The app removes the pre-rendered page in the frame it shows its own: carry over to it.
function takeOver(_, observer) {
  if (root.isConnected) return;
  observer.disconnect();
  for (const [type, listener] of Object.entries(on)) removeEventListener(type, listener, true);
  const target = focused && twin(focused);
  if (target) {
    if (focused.matches("input,textarea") && target.value !== focused.value) {
      target.value = focused.value;
      target.dispatchEvent(new Event("input", { bubbles: true }));
    }
    target.focus({ preventScroll: true });
    try {
      target.setSelectionRange(focused.selectionStart, focused.selectionEnd);
    } catch {}
  }
  for (const element of clicked) twin(element)?.click();
}

// An article page opened by a link of the home page showing every article (no query), at this
// origin: the app shows its previous and next in that page's list (the app's Paths::is_plain_home).
function openedFromPlainHome() {
  const site = new URL("./", document.baseURI).pathname;
  const from = document.referrer ? new URL(document.referrer) : null;
  return (
    from?.origin === location.origin &&
    !from.search &&
    [site, site.slice(0, -1), site + "index.html"].includes(from.pathname) &&
    location.pathname.startsWith(site + "article/")
  );
}

if (
  !root ||
  !root.querySelector("main") ||
  document.documentElement.classList.contains("kiosque-view") ||
  openedFromPlainHome()
) {
  start();
} else {
  for (const [type, listener] of Object.entries(on)) addEventListener(type, listener, true);
  new MutationObserver(takeOver).observe(root.parentNode, { childList: true });
}
