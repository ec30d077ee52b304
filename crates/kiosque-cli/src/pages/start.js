// The reader app's start (`kiosque pages` writes it as kiosque-start-<hash>.js; docs/wasm-split.md,
// "The app on first use"). Every page is pre-rendered: it is read, and its links followed, without
// the app. The app (its glue and wasm, named with their integrity by this script's data-*
// attributes) is fetched and started when the reader reaches for what only it does: a button, a
// search box (pointed at for 65 ms, touched, pressed or focused). A page that is only a shell for
// the app (no pre-rendered <main>), whose address asks for a view (a search, filters: the class
// kiosque-view), the page of an address not found (the app may know it), or an article page
// opened from the list of the home page or of an entity's page (for its previous and next)
// starts it at once, and asks for the site data's first file beside it (and, for a control that
// names them in data-prefetch, the files its use needs: the file of a facet's articles (its
// posting file, or for an entity of a single article its singles file) and first cards).
// What the reader did on the pre-rendered page until the app takes its place (buttons clicked,
// text typed, the focus) is carried over to the app's page then, unless the reader has left for
// another address meanwhile. A browser without WebAssembly, or an app that cannot start, leaves
// the page as it is, its controls working as plain HTML (a form submitted, a <summary> opened).
const app = document.querySelector("script[data-glue]").dataset;
const root = document.getElementById("prerender");
const CONTROL = "button,input,select,textarea,summary,[role=button]";
// Controls of the page that only the app can answer (an article's "Find related articles"),
// pre-rendered hidden: without the app they would do nothing.
const OFFERS = "#related-load";
// What the reader did, each with the address it was done at: [element, address].
const clicked = [];
let focused = null;
// A mouse's main button pressed on a control and not released yet: [element, address].
let pressed = null;
let submitted = null;
let started = null;
// Whether the app runs: its `main` has read the address (the router), so that a click must be
// carried over to its page rather than given as the address it starts at.
let running = false;
// The facet whose view the app starts at, if one was clicked before it ran (`bootInto`).
let booted = null;
let hover = 0;
let observer = null;
const here = () => location.pathname + location.search;
// Requests sent for the app before it is there, by the URL it asks for them with (a path and its
// query): the app takes each as its own (`start` in the app's data.rs), so that their round trip
// runs beside that of its own files. `reload`: sent ignoring the cache.
const asked = (window.kiosqueStarted = {});
function ask(url, reload) {
  if (asked[url]) return;
  const answer = fetch(url, reload ? { cache: "reload" } : {});
  answer.catch(() => {});
  asked[url] = { answer, reload };
}

// The files the use of `target` needs, named by its data-prefetch (URLs, space-separated): the
// file of a facet's articles (its posting file, or its singles file for an entity of a single
// article), then the card pages of the first articles of the view of its entity alone. `alone`:
// that is the view its use shows (else that first file only).
function prefetch(target, alone = !location.search) {
  const urls = target?.dataset.prefetch?.split(" ") ?? [];
  for (const url of alone ? urls : urls.slice(0, 1)) if (url) ask(url, false);
}

// The search index's meta file, which a search needs before anything else (its words' shards
// are found from it), when the reader types into a search box of the pre-rendered page (its first
// letter, as the app's own box asks for it) or the address asks for a search. The home page's box
// names it (data-prefetch: also asked for when the box is pressed, as a facet's files are), so
// that it is asked for beside the app; elsewhere `site.json` names it, so it is asked for once
// that answer is there. The app takes it at its first search.
let searchAsked = false;
function prefetchSearch() {
  const site = asked[siteURL()]?.answer;
  if (searchAsked || !site) return;
  searchAsked = true;
  const box = root.querySelector("input[type=search][data-prefetch]");
  if (box) return prefetch(box);
  site
    .then((answer) => (answer.ok ? answer.clone().json() : null))
    .then((data) => {
      const meta = data?.search;
      if (typeof meta === "string" && /^search\/meta-[0-9a-f]+\.json$/.test(meta)) {
        ask(new URL("data/" + meta, document.baseURI).pathname, false);
      }
    })
    .catch(() => {});
}

const siteURL = () => new URL("data/site.json", document.baseURI).pathname;

// An address asking for a view of entities that the page's facets name (a shared link to a
// filtered view, shown by the app at once): their files, which the app would ask for only once
// `site.json` is there, asked for beside it. (A facet is named by its entity among the address's
// values.)
function prefetchView() {
  const params = new URLSearchParams(location.search);
  if (params.get("q")?.trim()) prefetchSearch();
  const values = new Set([...params.values()].flatMap((v) => v.split(",")));
  for (const facet of root.querySelectorAll("[data-entity][data-prefetch]")) {
    if (values.has(facet.dataset.entity)) prefetch(facet, values.size === 1);
  }
}

// The app's files are asked for first, then the site data's first file, then what a control
// names (`prefetch`, after `start`): a host speaking HTTP/1.1 gives a page six connections, and
// a request past them waits for one to be free, so the app's wasm (the longest answer, which the
// rest waits for) must not be the one that waits.
function start() {
  started ||= (async () => {
    const preload = (rel, href, integrity, more) => {
      const link = Object.assign(document.createElement("link"), { rel, href, integrity, crossOrigin: "anonymous", ...more });
      document.head.append(link);
      return link;
    };
    preload("preload", app.wasm, app.wasmIntegrity, { as: "fetch", type: "application/wasm" });
    const glue = preload("modulepreload", app.glue, app.glueIntegrity);
    // The pieces' loader, which the glue imports: asked for beside it, not after it.
    if (app.loader) preload("modulepreload", app.loader, app.loaderIntegrity);
    // The site data's first file, which the app reads first on every page.
    ask(siteURL(), true);
    // The glue imported once its preload, checked against its integrity, has it.
    await new Promise((loaded, failed) => {
      glue.onload = loaded;
      glue.onerror = () => failed(new Error(`${app.glue} did not load`));
    });
    const bindings = await import(app.glue);
    const wasm = await bindings.default({ module_or_path: app.wasm });
    running = true;
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
  })().catch((error) => {
    console.error("Kiosque: the app could not start; the page works without it", error);
    standDown();
  });
}

function listen(add) {
  for (const [type, listener] of Object.entries(on)) {
    window[add ? "addEventListener" : "removeEventListener"](type, listener, true);
  }
  if (!add) observer?.disconnect();
}

// No app: what the reader did is done as the page's own HTML does it, and the page's list is
// shown, even at an address asking for a view that only the app can show.
function standDown() {
  listen(false);
  // The facet's address given to an app that never came: back to the page's own.
  if (booted && history.state?.kiosqueBooted) history.back();
  booted = null;
  document.documentElement.classList.remove("kiosque-view");
  // What only the app does, offered by the page: hidden again, since it will not come.
  for (const offer of root?.querySelectorAll(OFFERS) ?? []) offer.hidden = true;
  for (const [element] of clicked.splice(0)) element.click();
  if (submitted?.isConnected) submitted.requestSubmit();
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
    if (root.contains(event.target)) focused = [event.target, here()];
    if (control(event)) start();
  },
  input(event) {
    if (control(event)?.matches("input[type=search]") && event.target.value.trim()) prefetchSearch();
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
    const target = control(event);
    // A mouse's only: a touch's click goes to what is under the finger when it is lifted.
    if (event.isPrimary) {
      const mouse = event.pointerType === "mouse" && event.button === 0;
      pressed = target && mouse && !target.matches("input,select,textarea") ? [target, here()] : null;
    }
    if (target) start();
    prefetch(target);
  },
  // Released on the pre-rendered page: its click, if any, follows and is carried over.
  pointerup() {
    pressed = null;
  },
  pointercancel() {
    pressed = null;
  },
  click(event) {
    const target = control(event);
    if (target && !target.matches("input,select,textarea")) {
      event.preventDefault();
      start();
      prefetch(target);
      // A second tap while the app loads is the same wish, not its undoing.
      if (target === booted || clicked.some(([element]) => element === target)) return;
      if (!bootInto(target)) clicked.push([target, here()]);
    }
  },
  submit(event) {
    if (root.contains(event.target)) {
      event.preventDefault();
      submitted = event.target;
      start();
    }
  },
};

// A facet of the home page showing every article, clicked before the app runs: the app starts at
// the address of the facet's view (`?entity=<id>`, a history entry, as the app's own click makes),
// so that the first page it draws is that view, instead of every article (the page the reader
// already sees) and then the click's view. Not once the app runs (its router has read the
// address), nor after another click, which the app's page gets as before.
function bootInto(target) {
  const id = target.dataset.entity;
  if (
    running ||
    clicked.length ||
    location.search ||
    !isHome(location.pathname) ||
    !target.matches("nav.sidebar button.facet") ||
    target.getAttribute("aria-pressed") === "true" ||
    !/^[a-z0-9-]+$/.test(id ?? "")
  ) {
    return false;
  }
  history.pushState({ kiosqueBooted: true }, "", new URL("?entity=" + id, new URL("./", document.baseURI)));
  booted = target;
  // The focus the click gave it, carried over to the app's facet at the new address.
  if (focused?.[0] === target) focused = [target, here()];
  return true;
}

// Whether `pathname` is the home page's: the site's root, with or without its slash, or its
// index.html.
function isHome(pathname) {
  const site = new URL("./", document.baseURI).pathname;
  return [site, site.slice(0, -1), site + "index.html"].includes(pathname);
}

// The app's element in the place of pre-rendered `element`: by id; by its first class and data-*
// attributes when they name one element (within its card's twin, for an element of a card); else
// at the same position under the page's top elements.
function twin(element) {
  if (element.id) return document.getElementById(element.id);
  // (Not data-prefetch, for the pre-rendered page only.)
  const data = [...element.attributes]
    .filter((a) => a.name.startsWith("data-") && a.name !== "data-prefetch")
    .map((a) => `[${a.name}="${CSS.escape(a.value)}"]`)
    .join("");
  if (data) {
    const card = element.parentElement.closest("[data-article-id]");
    const scope = card ? document.querySelector(`[data-article-id="${CSS.escape(card.dataset.articleId)}"]`) : document;
    const kind = element.classList[0] ? "." + CSS.escape(element.classList[0]) : "";
    const found = scope?.querySelectorAll(element.localName + kind + data) ?? [];
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

// The app removes the pre-rendered page in the frame it shows its own: carry over to it what the
// reader did at the address it shows (not what was done before following a link meanwhile).
function takeOver() {
  if (root.isConnected) return;
  listen(false);
  const now = here();
  const [element, at] = focused ?? [];
  const target = at === now && twin(element);
  if (target) {
    if (element.matches("input,textarea") && target.value !== element.value) {
      target.value = element.value;
      target.dispatchEvent(new Event("input", { bubbles: true }));
    }
    target.focus({ preventScroll: true });
    try {
      target.setSelectionRange(element.selectionStart, element.selectionEnd);
    } catch {}
  }
  const [held, heldAt] = pressed ?? [];
  // A press on a control clicked meanwhile is a second click on it: the same wish.
  const again = held === booted || clicked.some(([element]) => element === held);
  for (const [element, at] of clicked.splice(0)) if (at === now) twin(element)?.click();
  if (heldAt === now && !again) releaseOnTwin(twin(held));
}

// A mouse press on a pre-rendered control that the app's page replaced before its release (the
// app starts on the press, and a press lasts 80 ms or more): the browser sends no click, since
// the press and the release reached different elements. The release on the app's twin of that
// control is that click, as the reader meant it; a release elsewhere (a press dragged away) or a
// cancelled press is none.
function releaseOnTwin(target) {
  if (!target) return;
  let clickedByBrowser = false;
  const clickSeen = (event) => {
    if (target.contains(event.target)) clickedByBrowser = true;
  };
  const done = () => {
    removeEventListener("pointerup", released, true);
    removeEventListener("pointercancel", done, true);
    removeEventListener("pointerdown", done, true);
    // After the release's own click, if the browser sends one.
    setTimeout(() => removeEventListener("click", clickSeen, true));
  };
  const released = (event) => {
    if (!event.isPrimary) return;
    done();
    if (!target.contains(event.target)) return;
    setTimeout(() => {
      if (!clickedByBrowser && target.isConnected) target.click();
    });
  };
  addEventListener("pointerup", released, true);
  addEventListener("pointercancel", done, true);
  // A release missed (the window left meanwhile): the next press is another gesture.
  addEventListener("pointerdown", done, true);
  addEventListener("click", clickSeen, true);
}

// The pre-rendered list an article page was opened from by following one of its links, at this
// origin (not a reload or a move in the history, where the referrer may be that of another address
// the app showed): "home" for the home page showing every article (no query), "entity/<id>" for an
// entity's own page; none otherwise. The app follows that list for the article's previous and
// next, told by the attribute data-opened-from on <html>.
function openedFrom() {
  const site = new URL("./", document.baseURI).pathname;
  const from = document.referrer ? new URL(document.referrer) : null;
  if (
    performance.getEntriesByType("navigation")[0]?.type !== "navigate" ||
    from?.origin !== location.origin ||
    from.search ||
    !location.pathname.startsWith(site + "article/")
  ) {
    return null;
  }
  if (isHome(from.pathname)) return "home";
  const entity = /^entity\/([a-z0-9-]+)(\/(index\.html)?)?$/.exec(from.pathname.slice(site.length));
  return from.pathname.startsWith(site) && entity ? "entity/" + entity[1] : null;
}

if (typeof WebAssembly === "object") {
  const page = root?.querySelector("main");
  if (page) {
    // What the page offers that only the app does, pre-rendered hidden, shown where the app
    // can run.
    for (const offer of page.querySelectorAll(OFFERS)) offer.hidden = false;
    listen(true);
    observer = new MutationObserver(takeOver);
    observer.observe(root.parentNode, { childList: true });
  }
  const from = openedFrom();
  if (from) document.documentElement.dataset.openedFrom = from;
  const view = page && document.documentElement.classList.contains("kiosque-view");
  if (!page || page.querySelector(".not-found") || view || document.documentElement.dataset.openedFrom) {
    start();
  }
  // After the app's own files.
  if (view) prefetchView();
}
