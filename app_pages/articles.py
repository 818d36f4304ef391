"""Articles: the list (filter by text, language, date, company named, fact type) and a reader showing the text
with the sentences behind each extracted fact highlighted. Article text is always escaped, never run as HTML."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import queries
from app_pages import components as ui
from app_pages import links
from app_pages.data import load, require_data

LANGUAGES = {"en": "English", "zh": "Chinese"}


def filters() -> queries.ArticleFilter:
    """The filter bar; returns the filter it describes."""
    with st.container(border=True):
        top = st.columns([3, 1, 2])
        text = top[0].text_input("Search titles and text", key="q", bind="query-params",
                                 placeholder="e.g. Groq, 融资, HBM")
        langs = top[1].multiselect("Language", list(LANGUAGES), format_func=LANGUAGES.get, key="lang",
                                   bind="query-params", placeholder="Any")
        bounds = load(queries.article_date_bounds).iloc[0]
        period = top[2].date_input("Published", value=(), key="published", bind="query-params", format="YYYY-MM-DD",
                                   min_value=bounds["first"] if pd.notna(bounds["first"]) else None,
                                   max_value=bounds["last"] if pd.notna(bounds["last"]) else None)
        bottom = st.columns([3, 3])
        organisations = load(queries.organisations)
        mentions = bottom[0].selectbox("Names the company", organisations["name"], index=None, key="mentions",
                                       bind="query-params", placeholder="Any company")
        fact_types = bottom[1].multiselect("States facts of type", list(ui.FACT_TYPE_LABELS),
                                           format_func=ui.FACT_TYPE_LABELS.get, key="facts", bind="query-params",
                                           placeholder="Any (or none)")
    dates = tuple(period) if isinstance(period, (list, tuple)) else (period,)
    return queries.ArticleFilter(langs=tuple(langs), text_contains=text or "", mentions=mentions,
                                 fact_types=tuple(fact_types), start=dates[0] if dates else None,
                                 end=dates[1] if len(dates) > 1 else None)


def article_list(where: queries.ArticleFilter) -> None:
    """The matching articles; selecting one opens it in the reader (and puts it in the URL)."""
    total = load(queries.article_count, where)
    if total == 0:
        ui.empty_state("No articles match these filters.")
        return
    pages = (total + queries.ARTICLE_PAGE_SIZE - 1) // queries.ARTICLE_PAGE_SIZE
    page = 1
    if pages > 1:
        page = int(st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, value=1, step=1,
                                   key=f"article_page_{abs(hash(where))}"))
    offset = (page - 1) * queries.ARTICLE_PAGE_SIZE
    listing = load(queries.articles, where, offset=offset)
    st.caption(f"{total} article(s); showing {offset + 1}–{offset + len(listing)} · select one to read it")
    # a new key per filter, so a selection never silently points at another article after the list changed
    event = st.dataframe(listing, hide_index=True, on_select="rerun", selection_mode="single-row",
                         key=f"article_list_{abs(hash(where))}_{page}",
                         column_order=["published", "title", "lang", "facts", "source_name"],
                         column_config={"published": ui.date_column("Published"),
                                        "title": st.column_config.TextColumn("Title", width="large"),
                                        "lang": "Lang", "facts": "Facts", "source_name": "Source"})
    if event.selection.rows:
        chosen = str(listing.iloc[event.selection.rows[0]]["article_id"])
        if st.query_params.get("article") != chosen:
            st.query_params["article"] = chosen


def reader(article_id: str) -> None:
    """One article: metadata, text with evidence highlighted, its facts and the entities it names."""
    found = load(queries.article, article_id)
    if found.empty:
        st.warning(f"No article with id {ui.escape_markdown(article_id)}; it may have been re-ingested with "
                   "changed text.", icon=":material/warning:")
        return
    article = found.iloc[0]
    st.subheader(ui.escape_markdown(article["title"] or "(untitled)"))
    described = [f"{pd.Timestamp(article['published']):%Y-%m-%d}" if pd.notna(article["published"]) else "undated",
                 LANGUAGES.get(article["lang"], article["lang"]), article["script"], article["source_name"],
                 article["author"], f"{article['source_format']} file"]
    st.caption(" · ".join(ui.escape_markdown(d) for d in described if isinstance(d, str) and d))
    url = article["url"]
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        st.link_button("Original article", url, icon=":material/open_in_new:")
    evidence = load(queries.article_evidence, article_id)
    spans = [ui.Span(int(r.start_char), int(r.end_char), r.fact_type, r.label or r.fact_type)
             for r in evidence.itertuples()]
    if spans:
        st.html(ui.fact_type_legend_html(dict.fromkeys(evidence["fact_type"])))
    with st.container(border=True, key="article_text"):
        st.html(ui.highlighted_article_html(article["text"], spans))
    st.markdown("**Facts stated** (hover a highlight in the text to see them in place)")
    if evidence.empty:
        ui.empty_state("No facts were extracted from this article.")
    else:
        st.dataframe(evidence.assign(fact_type=evidence["fact_type"].map(ui.FACT_TYPE_LABELS)), hide_index=True,
                     key="article_facts", column_order=["fact_type", "label", "sentence", "extractor"],
                     column_config={"fact_type": "Fact", "label": "What it says",
                                    "sentence": st.column_config.TextColumn("Sentence", width="large"),
                                    "extractor": "Extractor"})
    names = load(queries.article_mentions, article_id)
    if not names.empty:
        st.markdown("**Named in the article**")
        linkable = names.assign(link_name=names["name"].where(names["kind"] == "org"))
        st.dataframe(ui.with_links(linkable, "link_name", links.company_url),
                     hide_index=True, key="article_names", column_order=["open", "name", "kind", "type", "mentions",
                                                                         "spellings"],
                     column_config={"open": ui.link_column("", "Open the company"), "name": "Entity",
                                    "kind": "Kind", "type": "Type", "mentions": "Mentions",
                                    "spellings": ui.list_column("As written")})


st.title("Articles")
require_data()
selection = filters()
listing_column, reader_column = st.columns([2, 3])
with listing_column:
    article_list(selection)
with reader_column:
    opened = st.query_params.get("article")
    if opened:
        reader(opened)
    else:
        st.info("Select an article in the list to read it with its facts highlighted.", icon=":material/article:")
