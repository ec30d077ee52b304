//! Work spread over every core when the CLI writes the site data (the `parallel` feature), done
//! one item after the other in the app, which never writes any.

/// Runs `each` on every item, on every core with the `parallel` feature, one after the other
/// without it; results in the items' order.
pub(crate) fn map_all<T: Send, R: Send>(
    items: Vec<T>,
    each: impl Fn(T) -> R + Sync + Send,
) -> Vec<R> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.into_par_iter().map(each).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.into_iter().map(each).collect()
    }
}

/// Runs `a` and `b`, side by side with the `parallel` feature (each may use every core too), one
/// after the other without it.
pub(crate) fn both<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(feature = "parallel")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "parallel"))]
    {
        (a(), b())
    }
}
