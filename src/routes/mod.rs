//! The pages, one file each.

pub mod article;
pub mod entity;
pub mod home;
