//! The pages, one file each, and the parent route that loads what they show.

pub mod article;
pub mod corpus;
pub mod entity;
pub mod home;
pub mod try_it;
