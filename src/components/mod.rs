//! Building blocks of the pages, one concern per file.

pub mod back_link;
pub mod card;
pub mod embed;
pub mod export;
pub mod external_link;
pub mod facet_group;
pub mod field_facets;
pub mod filter_bar;
pub mod header;
pub mod list_neighbours;
pub mod marked;
pub mod mention_text;
pub mod meta_line;
pub mod prerender;
pub mod related;
pub mod route_focus;
pub mod search_box;
pub mod sidebar;
pub mod states;
pub mod timeline;
