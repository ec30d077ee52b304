//! Accessibility in the browser: axe-core run in the page against the WCAG 2.0, 2.1 and 2.2 A and
//! AA rules, the reader's colour scheme and motion preference emulated as Chromium does for a
//! real setting (DevTools `Emulation.setEmulatedMedia`, so the page's own media queries answer),
//! and real key presses (WebDriver actions: the browser's own Tab, Enter and Escape, with the
//! default actions they trigger, not events made up in the page).

use std::path::PathBuf;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{Value, json};

use crate::{Browser, repo};

/// The axe-core rule sets the pages must pass: WCAG 2.0, 2.1 (A and AA) and 2.2 AA.
pub const AXE_TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// Where `scripts/setup --test` installs axe-core (npm, pinned in the script).
pub fn axe_path() -> PathBuf {
    repo().join(".tools/node_modules/axe-core/axe.min.js")
}

/// axe-core's script, as `scripts/setup --test` installs it. Without it: in CI (`$CI` set) the
/// test fails; elsewhere None, with a message saying how to get it.
pub fn axe_source() -> Option<String> {
    match std::fs::read_to_string(axe_path()) {
        Ok(source) => Some(source),
        Err(e) => {
            let message = format!(
                "axe-core is not installed ({}: {e}); `scripts/setup --test` installs it",
                axe_path().display()
            );
            assert!(
                std::env::var_os("CI").is_none_or(|v| v.is_empty() || v == "false"),
                "{message}"
            );
            eprintln!("skipped: {message}");
            None
        }
    }
}

/// Describes the focused element and the focus indicator it shows: `{"name", "outline",
/// "boxShadow", "visible", "clippedBy"}`; `visible` is true when a ring is drawn (an outline of
/// 2 px or more, or a box shadow) and the element is laid out; `clippedBy` names the container
/// that cuts off its left or right side, if any.
const FOCUSED: &str = r#"
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) {
  return { name: 'body', outline: '', boxShadow: '', visible: false };
}
const s = getComputedStyle(el);
const r = el.getBoundingClientRect();
const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
  || (s.boxShadow && s.boxShadow !== 'none');
const text = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().slice(0, 60);
const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
  + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '')
  + (text ? ' ' + JSON.stringify(text) : '');
// The ring's left and right edges, and the first container that cuts them off (one that clips or
// scrolls its content: the ring is drawn only inside its padding box).
const reach = (s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) || 0 : 0) + (parseFloat(s.outlineOffset) || 0);
const [left, right] = [r.left - Math.max(reach, 0), r.right + Math.max(reach, 0)];
let clippedBy = '';
for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
  const ps = getComputedStyle(p);
  if (ps.overflowX !== 'visible' || ps.contentVisibility === 'auto' || /paint|strict|content/.test(ps.contain)) {
    const pr = p.getBoundingClientRect();
    const inner = pr.left + p.clientLeft;
    if (left < inner - 0.5 || right > inner + p.clientWidth + 0.5) {
      clippedBy = p.tagName.toLowerCase() + (p.id ? '#' + p.id : '') + (typeof p.className === 'string' && p.className ? '.' + p.className.trim().split(/\s+/).join('.') : '');
      break;
    }
  }
}
return {
  name,
  outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
  boxShadow: s.boxShadow,
  visible: !!ring && r.width > 0 && r.height > 0,
  clippedBy,
};
"#;

/// The element that has the focus and whether it shows a focus ring.
#[derive(Debug, Clone)]
pub struct Focused {
    /// Its tag, id, classes and text (for messages and matching).
    pub name: String,
    /// Its computed outline (`style width colour`).
    pub outline: String,
    /// Whether a focus indicator is drawn on it.
    pub visible: bool,
    /// The container that cuts off the ring's left or right side, if one does ("" if none).
    pub clipped_by: String,
}

impl Browser {
    /// Emulates the reader's media preferences for the page and the pages it navigates to, e.g.
    /// `[("prefers-color-scheme", "dark"), ("prefers-reduced-motion", "reduce")]`; each call
    /// replaces the previous one (an empty list restores the browser's own).
    pub async fn emulate_media(&self, features: &[(&str, &str)]) {
        let features: Vec<Value> = features
            .iter()
            .map(|(name, value)| json!({ "name": name, "value": value }))
            .collect();
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "media": "", "features": features }),
        )
        .await
        .unwrap_or_else(|e| panic!("Emulation.setEmulatedMedia: {e}"));
    }

    /// Runs axe-core (`axe`: its script, from [`axe_source`]) on the page as it is, with the
    /// [`AXE_TAGS`] rules; returns one line per violation: the rule, its impact, what it asks
    /// and the elements that break it (at most five, with axe's summary of why).
    pub async fn axe_violations(&self, axe: &str) -> Vec<String> {
        if !self
            .eval_bool("return typeof window.axe === 'object';")
            .await
        {
            self.client
                .execute(&format!("{axe}\n;return true;"), vec![])
                .await
                .unwrap_or_else(|e| panic!("axe-core could not be injected: {e}"));
        }
        let script = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
  .then(r => done(r.violations.map(v => `${v.id} (${v.impact}): ${v.help}: `
    + v.nodes.slice(0, 5).map(n => `${n.target.join(' ')} [${(n.failureSummary || '').replace(/\s+/g, ' ')}]`).join(' | '))))
  .catch(e => done([`axe-core failed: ${e}`]));
"#;
        let result = self
            .client
            .execute_async(script, vec![json!(AXE_TAGS)])
            .await
            .unwrap_or_else(|e| panic!("axe-core did not run: {e}"));
        serde_json::from_value(result).expect("axe-core's violations, as strings")
    }

    /// Scrolls the page to its end a screen at a time, letting each screen be drawn, and back to
    /// the top, as a reader does: what is laid out only when scrolled near (cards with
    /// `content-visibility: auto`, sized by an estimate until then) has been drawn once and has
    /// its real size.
    pub async fn scroll_through(&self) {
        let script = r#"
const done = arguments[arguments.length - 1];
const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
(async () => {
  for (let y = 0; y < document.scrollingElement.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await frame();
  }
  scrollTo(0, 0);
  await frame();
  done(true);
})();
"#;
        self.client
            .execute_async(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("cannot scroll through the page: {e}"));
    }

    /// Presses and releases `key` on the keyboard (a WebDriver key action: the browser's own
    /// key events and default action, e.g. Tab moves the focus).
    pub async fn press(&self, key: Key) {
        let value = char::from(key);
        let actions = KeyActions::new("keyboard".to_owned())
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value });
        self.client
            .perform_actions(actions)
            .await
            .unwrap_or_else(|e| panic!("cannot press {key:?}: {e}"));
    }

    /// Presses Shift+Tab (focus moves backwards).
    pub async fn press_shift_tab(&self) {
        let (shift, tab) = (char::from(Key::Shift), char::from(Key::Tab));
        let actions = KeyActions::new("keyboard".to_owned())
            .then(KeyAction::Down { value: shift })
            .then(KeyAction::Down { value: tab })
            .then(KeyAction::Up { value: tab })
            .then(KeyAction::Up { value: shift });
        self.client
            .perform_actions(actions)
            .await
            .unwrap_or_else(|e| panic!("cannot press Shift+Tab: {e}"));
    }

    /// Types `text` with the keyboard into whatever has the focus.
    pub async fn type_keys(&self, text: &str) {
        let mut actions = KeyActions::new("keyboard".to_owned());
        for value in text.chars() {
            actions = actions
                .then(KeyAction::Down { value })
                .then(KeyAction::Up { value });
        }
        self.client
            .perform_actions(actions)
            .await
            .unwrap_or_else(|e| panic!("cannot type {text:?}: {e}"));
    }

    /// The element that has the focus, and whether it shows a focus ring.
    pub async fn focused(&self) -> Focused {
        let value = self
            .client
            .execute(FOCUSED, vec![])
            .await
            .unwrap_or_else(|e| panic!("the focused element: {e}"));
        Focused {
            name: value["name"].as_str().unwrap_or_default().to_owned(),
            outline: value["outline"].as_str().unwrap_or_default().to_owned(),
            visible: value["visible"].as_bool().unwrap_or(false),
            clipped_by: value["clippedBy"].as_str().unwrap_or_default().to_owned(),
        }
    }

    /// What has the focus, checked to show a whole focus ring (visible, cut off by no scrolling
    /// container); `what` names the moment in the message when it does not.
    pub async fn assert_focus_ring(&self, what: &str) -> Focused {
        let focused = self.focused().await;
        assert!(
            focused.visible,
            "{what}: {} has the focus with no visible focus ring (outline: {})",
            focused.name, focused.outline
        );
        assert!(
            focused.clipped_by.is_empty(),
            "{what}: {}'s focus ring is cut off by {}",
            focused.name,
            focused.clipped_by
        );
        focused
    }

    /// Presses Tab until the focused element matches the CSS selector `css` (at most `limit`
    /// times), checking that every element the focus stops on shows a whole focus ring; returns how
    /// many presses it took. Panics naming the elements visited when it is not reached.
    pub async fn tab_to(&self, css: &str, limit: usize) -> usize {
        let matches = format!(
            "return !!document.activeElement && document.activeElement.matches({});",
            json!(css)
        );
        let mut visited = Vec::new();
        for presses in 1..=limit {
            self.press(Key::Tab).await;
            let focused = self.assert_focus_ring(&format!("Tab {presses}")).await;
            if self.eval_bool(&matches).await {
                return presses;
            }
            visited.push(focused.name);
        }
        panic!(
            "{css} not reached in {limit} presses of Tab; the focus went to: {}",
            visited.join(", ")
        );
    }
}
