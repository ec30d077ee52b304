//! Where a build's time goes, phase by phase (`kiosque build --timings`): each phase, as it
//! ends, notes how long it took since the one before. Off unless [`start`] was called, when
//! a phase's end costs one relaxed load and nothing else (no clock is read: the browser's
//! wasm has none), so the library's phases can say where they end whoever calls them.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Whether phases are timed.
static ON: AtomicBool = AtomicBool::new(false);

/// Each phase timed: what it was, how long it took.
pub type Phases = Vec<(&'static str, Duration)>;

/// When the last phase ended, and the phases so far.
static LAPS: Mutex<Option<(Instant, Phases)>> = Mutex::new(None);

/// Starts timing the phases from now (again from nothing, if they were timed before).
pub fn start() {
    if let Ok(mut laps) = LAPS.lock() {
        *laps = Some((Instant::now(), Vec::new()));
        ON.store(true, Ordering::Relaxed);
    }
}

/// Notes that the phase `what` ends now (the time since the last phase ended, or since
/// [`start`]). Nothing when phases are not timed.
pub fn end(what: &'static str) {
    if !ON.load(Ordering::Relaxed) {
        return;
    }
    if let Ok(mut laps) = LAPS.lock()
        && let Some((last, phases)) = laps.as_mut()
    {
        let now = Instant::now();
        phases.push((what, now - *last));
        *last = now;
    }
}

/// The phases timed since [`start`], in the order they ended (a phase that ended more than
/// once, each time), and stops timing.
pub fn finish() -> Phases {
    ON.store(false, Ordering::Relaxed);
    match LAPS.lock() {
        Ok(mut laps) => laps.take().map(|(_, phases)| phases).unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_are_noted_in_order_only_between_start_and_finish() {
        end("before");
        start();
        end("first");
        std::thread::sleep(Duration::from_millis(5));
        end("second");
        let phases = finish();
        end("after");
        let names: Vec<&str> = phases.iter().map(|(what, _)| *what).collect();
        assert_eq!(names, ["first", "second"]);
        assert!(phases[1].1 >= Duration::from_millis(5), "{phases:?}");
        assert!(finish().is_empty());
    }
}
