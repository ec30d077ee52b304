//! The latest of a series of tasks that changes of the view start: a search, the sidebar's foot.
//! Each change takes a turn; a task's answer counts only while its turn is the latest one and the
//! page that started it is still there.

use leptos::prelude::{GetValue, StoredValue, UpdateValue};

/// A counter of turns, owned by the page that starts the tasks.
#[derive(Clone, Copy)]
pub struct Latest(StoredValue<u64>);

/// One change's turn: [`Turn::is_latest`] tells whether its task's answer is still wanted.
#[derive(Clone, Copy)]
pub struct Turn {
    of: Latest,
    number: u64,
}

impl Latest {
    pub fn new() -> Self {
        Self(StoredValue::new(0))
    }

    /// Takes the next turn: every turn taken before it is no longer the latest.
    pub fn next(self) -> Turn {
        self.0.update_value(|n| *n += 1);
        Turn {
            of: self,
            number: self.0.get_value(),
        }
    }
}

impl Turn {
    /// Whether no later turn was taken and the page is still there.
    pub fn is_latest(self) -> bool {
        self.of.0.try_get_value() == Some(self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::Latest;
    use leptos::prelude::Owner;

    #[test]
    fn only_the_last_turn_is_latest_and_none_once_the_page_is_gone() {
        let owner = Owner::new();
        let (first, second) = owner.with(|| {
            let latest = Latest::new();
            let first = latest.next();
            assert!(first.is_latest());
            let second = latest.next();
            (first, second)
        });
        assert!(!first.is_latest());
        assert!(second.is_latest());
        // The page is gone: its value is disposed with its owner, and no answer is wanted.
        drop(owner);
        assert!(!second.is_latest());
    }
}
