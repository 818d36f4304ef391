"""Upload: add articles from the browser (files, or pasted text) and watch them being ingested."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import streamlit as st
import yaml
from streamlit.runtime.uploaded_file_manager import UploadedFile

from analytics import queries
from app_pages import components as ui
from app_pages import links
from app_pages.data import database_path, load
from ingest.run import IngestLocked, ingest_paths
from ingest.sources import SUPPORTED_SUFFIXES, read_source

LANGUAGES = {"": "Detect", "en": "English", "zh": "Chinese"}
INGEST_WAIT_SECONDS = 30.0


@dataclass(frozen=True)
class UploadResult:
    """What the last upload of this session did, kept so it stays on screen across reruns."""

    run_id: int | None
    lines: tuple[str, ...]
    problems: tuple[str, ...]


def save_uploads(folder: Path, uploads: list[UploadedFile]) -> list[Path]:
    """Write uploaded files into a folder under their own (de-duplicated) names."""
    paths = []
    for index, upload in enumerate(uploads):
        name = Path(upload.name).name or f"upload-{index}.txt"
        target = folder / name if not (folder / name).exists() else folder / f"{index}-{name}"
        target.write_bytes(upload.getvalue())
        paths.append(target)
    return paths


def pasted_article(folder: Path, title: str, published: date | None, lang: str, url: str, source: str,
                   text: str) -> Path:
    """Write pasted text as a .txt article with YAML front matter."""
    meta = {key: value for key, value in {"title": title.strip(), "date": published, "lang": lang,
                                          "url": url.strip(), "source": source.strip()}.items() if value}
    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) if meta else ""
    path = folder / "pasted-article.txt"
    path.write_text(f"---\n{header}---\n\n{text.strip()}\n", encoding="utf-8")
    return path


def ingest(paths: list[Path], command: str) -> None:
    """Ingest files with a progress bar, then remember the outcome for display."""
    total = sum(len(read_source(path).articles) for path in paths)
    with st.status(f"Ingesting {total} article(s)…", expanded=True) as status:
        bar = st.progress(0.0, text="Reading and extracting (the language models load on the first article)…")
        stored: list[str] = []

        def on_article(source_path: str, state: str) -> None:
            stored.append(state)
            bar.progress(min(len(stored) / max(total, 1), 1.0),
                         text=f"{len(stored)} of {total} · {Path(source_path).name} ({state})")

        try:
            summary = ingest_paths([str(p) for p in paths], database_path(), progress=False, on_article=on_article,
                                   wait_seconds=INGEST_WAIT_SECONDS, command=command)
        except IngestLocked as exc:
            status.update(label="Another ingest is writing to the database", state="error")
            st.error(f"{exc}. Try again when it has finished.")
            return
        bar.progress(1.0, text="Done")
        status.update(label=f"Ingested: {summary.counts['new']} new, {summary.counts['changed']} changed, "
                            f"{summary.counts['unchanged']} unchanged, {summary.counts['failed']} failed",
                      state="error" if summary.status == "partial" else "complete", expanded=False)
    st.session_state["last_upload"] = UploadResult(summary.run_id, tuple(summary.lines()[:2]),
                                                   tuple(str(p) for p in summary.problems))
    st.rerun()  # so that the sidebar and every cached figure show the new articles


def files_form() -> None:
    """Upload article files."""
    kinds = sorted(suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES)
    uploads = st.file_uploader("Article files", type=kinds, accept_multiple_files=True, key="files",
                               help="Text or Markdown (optional YAML front matter: title, date, url, source, lang), "
                                    "HTML, JSON Lines, RSS or Atom.")
    if st.button("Ingest files", type="primary", disabled=not uploads, key="ingest_files"):
        with tempfile.TemporaryDirectory(prefix="accelkb-upload-") as folder:
            paths = save_uploads(Path(folder), uploads)
            ingest(paths, "upload " + " ".join(p.name for p in paths))


def paste_form() -> None:
    """Paste an article's text and its details."""
    with st.form("paste", border=False):
        title = st.text_input("Title")
        columns = st.columns(3)
        published = columns[0].date_input("Published", value=date.today(), format="YYYY-MM-DD")
        lang = columns[1].selectbox("Language", list(LANGUAGES), format_func=LANGUAGES.get)
        source = columns[2].text_input("Source", placeholder="e.g. Reuters, 36Kr")
        url = st.text_input("URL (optional)")
        text = st.text_area("Article text", height=260, placeholder="Paste the article body here (English or Chinese).")
        submitted = st.form_submit_button("Ingest text", type="primary")
    if not submitted:
        return
    if sum(ch.isalnum() for ch in text) < 20:
        st.error("The text is too short to be an article (at least 20 letters).")
        return
    with tempfile.TemporaryDirectory(prefix="accelkb-paste-") as folder:
        ingest([pasted_article(Path(folder), title, published, lang, url, source, text)], "upload pasted text")


def last_result() -> None:
    """What the last upload did, with links to read the new articles."""
    result: UploadResult | None = st.session_state.get("last_upload")
    if result is None:
        return
    st.subheader("Last upload")
    for line in result.lines:
        st.text(line)
    for problem in result.problems:
        st.warning(ui.escape_markdown(problem), icon=":material/warning:")
    if result.run_id is None:
        return
    added = load(queries.run_articles, result.run_id)
    if added.empty:
        ui.empty_state("No new or changed articles: everything uploaded was already in the database.")
        return
    if int(added["total"].iloc[0]) > len(added):
        st.caption(f"The {len(added)} newest of the {int(added['total'].iloc[0])} articles this upload stored.")
    st.dataframe(ui.with_links(added, "article_id", links.article_url), hide_index=True, key="uploaded_articles",
                 column_order=["open", "title", "published", "lang", "facts"],
                 column_config={"open": ui.link_column("", "Read it with its facts highlighted"), "title": "Article",
                                "published": ui.date_column("Published"), "lang": "Lang", "facts": "Facts"})


st.title("Upload")
st.caption(f"Articles go into `{database_path()}`; the dashboard picks them up as soon as they are stored.")
from_files, from_text = st.tabs(["Files", "Paste text"])
with from_files:
    files_form()
with from_text:
    paste_form()
last_result()
