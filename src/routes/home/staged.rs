//! The cards of a new list drawn in two frames: its first few in the frame of the change (a
//! screenful, [`FIRST_FRAME_CARDS`]), the rest of its first page in the next one, so that a click
//! or a keystroke paints at once.

use std::sync::Arc;

use kiosque_model::index::{Corpus, begins_with};
use leptos::prelude::*;

use super::FIRST_FRAME_CARDS;
use crate::dom::after_next_paint;

/// The articles the list draws (positions in `shown_from`, the corpus of the cards) of `visible`,
/// the view's: all of them, but in the frame of a change to a longer list, whose first
/// [`FIRST_FRAME_CARDS`] only are drawn then (the rest in the frame after it).
pub(super) fn staged(visible: Memo<Arc<[u32]>>, shown_from: Memo<Arc<Corpus>>) -> Memo<Vec<u32>> {
    let released = RwSignal::new(Vec::<u32>::new());
    // The corpus of the list staged last.
    let staged_of = StoredValue::new(None::<Arc<Corpus>>);
    let staged = Memo::new(move |before: Option<&Vec<u32>>| {
        let of = shown_from.get();
        let staged = released.with(|released| {
            visible.with(|all| {
                // The first list is drawn whole: it is what the pre-rendered page shows (the
                // native rendering has no next frame), and it replaces that page in one frame.
                let first = before.is_none();
                // A list grown, in the same corpus or in another that places its articles
                // elsewhere (a search shown from card pages grown to its whole first page,
                // "Show more" from card pages, the whole site come after them).
                let grew = before.is_some_and(|b| {
                    !b.is_empty()
                        && staged_of.with_value(|before_of| {
                            before_of
                                .as_ref()
                                .is_some_and(|before_of| begins_with(&of, all, before_of, b))
                        })
                });
                if first || grew || all.len() <= FIRST_FRAME_CARDS || **all == **released {
                    all.to_vec()
                } else {
                    all[..FIRST_FRAME_CARDS].to_vec()
                }
            })
        });
        staged_of.set_value(Some(of));
        staged
    });
    Effect::new(move |_| {
        let cut = staged.with(Vec::len) < visible.with(|v| v.len());
        if cut {
            let all = visible.with_untracked(|v| v.to_vec());
            after_next_paint(move || released.set(all));
        }
    });
    staged
}
