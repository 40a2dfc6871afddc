"""The audit document as HTML: one template per part, so that the PDF renderer can lay out
the document in one pass or in chunks (front matter, one fiche per activity, annexes).

Every value of the register goes through Jinja2's autoescape: a name such as
``<img src="file:///etc/passwd">`` is text in the document, never markup. The same view and
stamp give the same HTML. For the browser (``target="html"``) the file is self-contained:
styles inline, no font, image or script to fetch. For WeasyPrint (``target="pdf"``) the
styles add the package's fonts, which only the package-only URL fetcher serves.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ropa import __version__
from ropa.export.digest import Stamp
from ropa.export.view import ActivityView, RegisterView

TEMPLATES = Path(__file__).with_name("templates")
ASSET_SCHEME = "ropa-asset"

Target = Literal["html", "pdf"]
Words = dict[str, Any]


@functools.cache
def _all_words() -> dict[str, list[Any]]:
    import yaml

    data: dict[str, list[Any]] = yaml.safe_load((TEMPLATES / "words.yaml").read_text("utf-8"))
    return data


def words(language: str) -> Words:
    """The document's words in ``language`` ('fr' or 'en')."""
    index = 0 if language == "fr" else 1
    found = {key: pair[index] for key, pair in _all_words().items()}
    found["lang"] = language
    return found


def long_date(value: date, language: str) -> str:
    month = words(language)["months"][value.month - 1]
    day = "1er" if language == "fr" and value.day == 1 else str(value.day)
    return f"{day} {month} {value.year}"


def count_text(w: Words, key: str, n: int) -> str:
    """'1 erreur', '2 erreurs'; French uses the singular for 0 and 1, English for 1."""
    one = n in (0, 1) if w["lang"] == "fr" else n == 1
    template: str = w[f"{key}_one" if one else f"{key}_many"]
    return template.format(n=n)


@functools.cache
def environment() -> Any:
    """The Jinja2 environment over the package's templates (autoescape on, undefined
    names are errors)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def load_templates() -> None:
    """Compile every template now (about 0.3 s) rather than on first use: done before
    forking the processes that render them, once for all."""
    env = environment()
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)


def styles(target: Target) -> str:
    """The document's CSS; the PDF adds the @font-face rules of the shipped fonts."""
    css = (TEMPLATES / "document.css").read_text("utf-8")
    if target == "pdf":
        css = (TEMPLATES / "fonts.css").read_text("utf-8") + css
    return css


def anchor(prefix: str, index: int) -> str:
    return f"{prefix}-{index}"


@dataclass(frozen=True, slots=True)
class Annex:
    anchor: str
    letter: str
    title: str
    template: str


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What every template sees besides the view: words, stamp, table of contents."""

    view: RegisterView
    w: Words
    stamp: Stamp
    target: Target
    annexes: list[Annex]
    toc_pages: dict[str, int] | None = None  # anchor -> page, when the PDF is laid out in chunks

    def page_attr(self, anchor_name: str) -> Any:
        """The contents' page number of ``anchor_name`` as an attribute, when known in advance."""
        from markupsafe import Markup, escape

        if self.toc_pages is None:
            return Markup("")
        return Markup(' data-page="{}"').format(escape(str(self.toc_pages[anchor_name])))

    @property
    def lang(self) -> str:
        return self.view.language

    def version_text(self) -> str:
        git = self.stamp.git
        if git is None:
            return str(self.w["not_versioned"])
        text = str(self.w["git_commit"]).format(commit=git.short)
        return f"{text} ({self.w['git_modified']})" if git.modified else text

    def status_text(self) -> str:
        return (f"{count_text(self.w, 'error', self.view.errors)}, "
                f"{count_text(self.w, 'warning', self.view.warnings)}")

    def title(self) -> str:
        name = self.view.organisation.name
        return f"{self.view.title} — {name}" if name else self.view.title

    def subject(self) -> str:
        return str(self.w["subject"]).format(organisation=self.view.organisation.name or "—",
                                             date=long_date(self.view.as_of, self.lang))

    def as_of_text(self) -> str:
        return long_date(self.view.as_of, self.lang)

    def activity_anchor(self, index: int) -> str:
        return anchor("activity", index)

    def activity_heading(self, activity: ActivityView) -> str:
        return f"{activity.ref} — {activity.name}" if activity.ref and activity.name else (
            activity.name or activity.ref or activity.id)

    def generator(self) -> str:
        return f"ropa {__version__}"

    def made_with(self) -> str:
        return str(self.w["generated_by"]).format(version=__version__)

    def count(self, key: str, n: int) -> str:
        return count_text(self.w, key, n)


def annexes_of(view: RegisterView, w: Words) -> list[Annex]:
    """The annexes the document has, lettered in order (the processor register only
    when there is one)."""
    wanted = [("processors", "annex_processors"), ("transfers", "annex_transfers"),
              ("measures", "annex_measures"), ("findings", "annex_findings")]
    if view.on_behalf:
        wanted.append(("on-behalf", "annex_on_behalf"))
    return [Annex(anchor=f"annex-{name}", letter=chr(ord("A") + i), title=str(w[key]),
                  template=f"annex_{name.replace('-', '_')}.html.j2")
            for i, (name, key) in enumerate(wanted)]


def document_context(view: RegisterView, stamp: Stamp, target: Target) -> DocumentContext:
    w = words(view.language)
    return DocumentContext(view=view, w=w, stamp=stamp, target=target, annexes=annexes_of(view, w))


def _render(name: str, **values: Any) -> str:
    text: str = environment().get_template(name).render(**values)
    return text


def render_head(ctx: DocumentContext, *, created: str | None = None, digest: bool = True) -> str:
    """From ``<!DOCTYPE html>`` to the opening ``<body>``: metadata and inline styles.
    Without ``digest``, the metadata leave out the register's digest (the parts of a
    chunked PDF after the cover, whose metadata the merge does not keep)."""
    from markupsafe import Markup

    return _render("head.html.j2", ctx=ctx, styles=Markup(styles(ctx.target)), created=created,
                   digest=digest)


def render_front(ctx: DocumentContext) -> str:
    """Cover, table of contents, controller identity and the list of activities."""
    return _render("front.html.j2", ctx=ctx, view=ctx.view, w=ctx.w)


def render_cover(ctx: DocumentContext) -> str:
    """Cover and table of contents: the start of :func:`render_front`."""
    return _render("front_cover.html.j2", ctx=ctx, view=ctx.view, w=ctx.w)


def render_identity(ctx: DocumentContext) -> str:
    """Controller identity and the list of activities: the rest of :func:`render_front`."""
    return _render("front_identity.html.j2", ctx=ctx, view=ctx.view, w=ctx.w)


def render_fiches_title(ctx: DocumentContext) -> str:
    return _render("fiches.html.j2", ctx=ctx, w=ctx.w)


def render_fiche(ctx: DocumentContext, activity: ActivityView, index: int) -> str:
    return _render("fiche.html.j2", ctx=ctx, a=activity, index=index, w=ctx.w)


def render_annex(ctx: DocumentContext, annex: Annex) -> str:
    return _render(annex.template, ctx=ctx, annex=annex, view=ctx.view, w=ctx.w)


def render_tail() -> str:
    return "</body>\n</html>\n"


def render_parts(ctx: DocumentContext, *, created: str | None = None,
                 on_part: Callable[[int, int], None] | None = None) -> Iterator[str]:
    """The document as consecutive HTML parts: head, front matter, the fiches title and
    one fiche per activity, each annex, tail. ``on_part(done, total)`` follows progress."""
    total = len(ctx.view.activities) + len(ctx.annexes) + 2
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if on_part is not None:
            on_part(done, total)

    yield render_head(ctx, created=created)
    yield render_front(ctx)
    step()
    yield render_fiches_title(ctx)
    for index, activity in enumerate(ctx.view.activities, start=1):
        yield render_fiche(ctx, activity, index)
        step()
    for annex in ctx.annexes:
        yield render_annex(ctx, annex)
        step()
    yield render_tail()
    step()


def render_html(view: RegisterView, stamp: Stamp, *, target: Target = "html", created: str | None = None,
                on_part: Callable[[int, int], None] | None = None) -> str:
    """The whole document as one HTML string."""
    ctx = document_context(view, stamp, target)
    return "".join(render_parts(ctx, created=created, on_part=on_part))
