//! Kiosque's data contract: the JSON the CLI writes to `public/data` and the app reads.
//!
//! Plain serde types and pure logic over them (filtering, facet counts, mention highlighting),
//! with no web or CLI dependency, so both sides share one definition and it is tested natively.
//! The format is documented for humans in `docs/data-format.md`.

pub mod article;
mod article_ids;
pub mod article_view;
pub mod cooccurrence;
mod cores;
pub mod display;
pub mod entity;
pub mod explain;
pub mod export;
pub mod facets;
pub mod highlight;
pub mod home;
pub mod index;
mod lenient;
pub mod links;
pub mod notices;
pub mod order;
pub mod overview;
pub mod parts;
pub mod refine;
pub mod related;
pub mod schema;
pub mod search;
pub mod selection;
pub mod sidebar;
pub mod stamp;
#[cfg(test)]
mod testing;
pub mod text;
pub mod timeline;
pub mod ui;
pub mod validate;
pub mod worker;

pub use article::{
    ArticleBody, ArticleSummary, Block, BoilerplateBlock, EmbedBlock, Mention, RelatedBlock,
    TextBlock,
};
pub use entity::{Confidence, Entity, EntityId, Label};
pub use index::SiteIndex;
pub use schema::{SCHEMA_VERSION, SchemaError, check_schema};
pub use selection::Selection;
