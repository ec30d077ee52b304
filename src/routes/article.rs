//! The article page: from its body file (the header at once when the summaries have it),
//! mentions linked.

use std::sync::Arc;

use kiosque_model::article_view::{entities_by_label, layout};
use kiosque_model::display::quote_id;
use kiosque_model::links::safe_href;
use kiosque_model::ui::What;
use kiosque_model::{ArticleBody, ArticleSummary, Block, Label, RelatedBlock};
use leptos::Params;
use leptos::context::Provider;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

use crate::components::back_link::BackLink;
use crate::components::embed::Embed;
use crate::components::external_link::ExternalLink;
use crate::components::list_neighbours::ListNeighbours;
use crate::components::marked::marked;
use crate::components::mention_text::MentionText;
use crate::components::meta_line::MetaLine;
use crate::components::prerender::ReleasePrerender;
use crate::components::related::RelatedArticles;
use crate::components::states::{ErrorView, LoadingText, NotFound};
use crate::data::{AppError, BodyRequest, LoadedArticle, load_article};
use crate::language::{use_language, use_messages};
use crate::routes::corpus::{CorpusContext, use_corpus, use_site_data};
use crate::selection::use_last_marks;
use crate::site::{Site, use_site};
use crate::title::use_title;

/// The parameters of `/article/:id`.
#[derive(Params, Debug, Clone, PartialEq)]
pub struct ArticleParams {
    /// The article's id, as in the URL.
    pub id: String,
}

/// The page of the article named in the URL, from its body file (and `site.json`): its header
/// at once when the site's summaries already loaded have it, the rest when the file arrives;
/// not-found when the site has no such article.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params::<ArticleParams>();
    let id =
        Memo::new(move |_| params.with(|p| p.as_ref().map(|p| p.id.clone()).unwrap_or_default()));
    move || {
        let id = id.get();
        view! { <ArticleLoad id /> }
    }
}

/// Loads article `id` and shows it.
#[component]
fn ArticleLoad(id: String) -> impl IntoView {
    let Site {
        paths, opened_on, ..
    } = use_site();
    // What the app knows of it already: its summary (from the home page), or at least its
    // body's fingerprint (from the pre-rendered page's link to its body file).
    let known = use_corpus().article(&id).cloned();
    let body_hash = match &known {
        Some(summary) => summary.body_hash.clone(),
        None => opened_on
            .filter(|(opened, _)| *opened == id)
            .map(|(_, hash)| hash),
    };
    let request = BodyRequest {
        id: id.clone(),
        body_hash,
        paths,
        site: use_site_data(),
    };
    // Loaded by a task of its own rather than a resource under a `<Suspense>`: the same
    // behaviour for fewer bytes of the app (docs/app-size.md). `None` while loading.
    let loaded = RwSignal::new(None::<Result<Option<LoadedArticle>, AppError>>);
    let load = move |retry: bool| {
        let request = request.clone();
        spawn_local(async move {
            let article = load_article(request, retry).await;
            // The page may be gone by then: nothing to show it in.
            let _ = loaded.try_set(Some(article));
        });
    };
    load(false);
    let retry = Callback::new(move |()| {
        loaded.set(None);
        load(true);
    });
    // With a summary, the header is shown now and the rest when the body file arrives; opened
    // directly, the pre-rendered page stays until the body file is there.
    let header_shown = known.is_some();
    let rest = move || match loaded.get() {
        None => view! { <LoadingText /> }.into_any(),
        Some(Ok(Some(article))) if header_shown => view! { <ArticleRest article /> }.into_any(),
        Some(Ok(Some(article))) => view! {
            <ArticleFrame summary=article.summary.clone()>
                <ArticleRest article />
            </ArticleFrame>
        }
        .into_any(),
        Some(Ok(None)) if header_shown => view! {
            <ReleasePrerender />
            <p class="hint">{use_messages().article_removed}</p>
        }
        .into_any(),
        Some(Ok(None)) => view! {
            <NotFound message=use_language().no_such(What::Article, &quote_id(&id)) />
        }
        .into_any(),
        Some(Err(error)) => view! {
            <ErrorView what=use_messages().what_article_text part=header_shown error retry />
        }
        .into_any(),
    };
    match known {
        Some(summary) => view! { <ArticleFrame summary>{rest}</ArticleFrame> }.into_any(),
        None => rest.into_any(),
    }
}

/// The article page: its header from `summary`, then `children`.
#[component]
pub(crate) fn ArticleFrame(summary: ArticleSummary, children: Children) -> impl IntoView {
    let language = use_language();
    let words = language.messages();
    let title = summary.title.clone();
    use_title(move || title.clone());
    view! {
        <article class="article-page" aria-labelledby="article-title">
            <header class="article-header">
                <BackLink article=summary.id.clone() />
                // The words of the reader's last search, marked as in the text below.
                <h1 id="article-title" lang=language.lang_of(summary.lang.as_deref())>
                    {marked(&summary.title, &use_last_marks().get_untracked())}
                </h1>
                {summary
                    .title_derived
                    .then(|| view! { <p class="hint">{words.title_from_text}</p> })}
                <MetaLine summary=summary.clone() full=true />
            </header>
            <MentionLegend />
            {children()}
        </article>
    }
}

/// What the body file gives: the text, then the article's entities, over the body file's
/// corpus; then the related articles, over the whole site.
#[component]
pub(crate) fn ArticleRest(article: LoadedArticle) -> impl IntoView {
    let LoadedArticle {
        corpus,
        summary,
        body,
    } = article;
    let lang = use_language().lang_of(summary.lang.as_deref());
    let id = summary.id.clone();
    view! {
        <Provider value=CorpusContext(Signal::stored(corpus))>
            // The words of the reader's last search, marked (none in a pre-rendered page).
            <ArticleBodyView body lang marks=use_last_marks().get_untracked() />
            <ArticleEntities summary />
            <RelatedArticles id=id.clone() />
            <ListNeighbours id />
        </Provider>
    }
}

/// How mentions are marked, so the markers mean something to every reader: each type's name,
/// in plain text (the keys are not links), after its key (its underline and letter, drawn by the
/// style from the item's `legend-<type>` class: one class an item in every article page).
#[component]
fn MentionLegend() -> impl IntoView {
    let language = use_language();
    let items = [
        Label::Person,
        Label::Place,
        Label::Organisation,
        Label::Date,
    ]
    .into_iter()
    .map(|label| {
        view! {
            <li class=format!("legend-{}", label.id_prefix())>{language.label_singular(label)}</li>
        }
    })
    .collect_view();
    view! {
        <div class="legend">
            <p id="legend-heading">{language.messages().legend}</p>
            <ul aria-labelledby="legend-heading">{items}</ul>
        </div>
    }
}

/// The body: headings, paragraphs and embeds in order, then the "read also" links.
#[component]
pub(crate) fn ArticleBodyView(
    body: Arc<ArticleBody>,
    lang: Option<String>,
    /// Words marked in the text: those of the reader's last search, on an article's page.
    #[prop(optional)]
    marks: Arc<[String]>,
) -> impl IntoView {
    let layout = layout(&body);
    let flow = layout
        .flow
        .iter()
        .map(|block| match block {
            Block::Heading(b) => view! {
                <h2><MentionText text=b.text.clone() mentions=b.mentions.clone() marks=marks.clone() /></h2>
            }
            .into_any(),
            Block::Paragraph(b) => view! {
                <p><MentionText text=b.text.clone() mentions=b.mentions.clone() marks=marks.clone() /></p>
            }
            .into_any(),
            Block::Embed(b) => view! { <Embed block=b.clone() /> }.into_any(),
            Block::Related(_) | Block::Boilerplate(_) | Block::Unknown => ().into_any(),
        })
        .collect_view();
    let related: Vec<RelatedBlock> = layout.related.into_iter().cloned().collect();
    // The pre-rendered page shows the text until the app can.
    view! {
        <ReleasePrerender />
        <div class="article-body" lang=lang.clone()>{flow}</div>
        {(!related.is_empty()).then(|| view! { <Related related lang /> })}
    }
}

/// "Read also": links to other articles the page pointed to, kept apart from the text.
#[component]
fn Related(related: Vec<RelatedBlock>, lang: Option<String>) -> impl IntoView {
    let items = related
        .into_iter()
        .map(|r| {
            // The title is the linking page's words; the host beside it is where the link goes.
            let text = match r.url.clone().filter(|url| safe_href(url).is_some()) {
                Some(url) => view! { <ExternalLink url><bdi>{r.text.clone()}</bdi></ExternalLink> }
                    .into_any(),
                None => view! { <MentionText text=r.text.clone() mentions=r.mentions.clone() /> }
                    .into_any(),
            };
            view! { <li lang=lang.clone()>{text}</li> }
        })
        .collect_view();
    view! {
        <section class="related" aria-labelledby="related-heading">
            <h2 id="related-heading">{use_messages().read_also}</h2>
            <ul>{items}</ul>
        </section>
    }
}

/// The article's entities by type, each a link to its page.
#[component]
fn ArticleEntities(summary: ArticleSummary) -> impl IntoView {
    let corpus = use_corpus();
    let paths = use_site().paths;
    let language = use_language();
    let groups = entities_by_label(&corpus, &summary.entities)
        .into_iter()
        .map(|(label, entities)| {
            let links = entities
                .into_iter()
                .map(|e| {
                    view! {
                        <li>
                            <a href=paths.entity(e)>{language.entity_name(e).into_owned()}</a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class=format!("entity-group entity-{}", label.id_prefix())>
                    <h3>{language.label_plural(label)}</h3>
                    <ul class="entity-links">{links}</ul>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="article-entities" aria-labelledby="article-entities-heading">
            <h2 id="article-entities-heading">{language.messages().in_this_article}</h2>
            {groups}
        </section>
    }
}
