"""The footer "X / Y" drawn on merged pages, where one pass of WeasyPrint draws it:
bottom right of the A4 page in the shipped font, 7.5 pt, #444, right-aligned on the
15 mm margin, on the baseline WeasyPrint uses.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

FONT_FILE = Path(__file__).parent / "fonts" / "LiberationSans-Regular.ttf"
CHARACTERS = " /0123456789"
FONT_NAME = "RPAFTR+Ropa-Sans"
SIZE_PT = 7.5
RIGHT_PT = 595.2756 - 42.5197  # A4 width less the 15 mm margin
BASELINE_PT = 841.889764 - 0.75 * 1088.191206  # where WeasyPrint puts the bottom margin text
RESOURCE = "/FRopaFooter"


@functools.cache
def font_program() -> tuple[bytes, dict[str, int], dict[str, Any]]:
    """The font subset to the footer's characters, their widths (1/1000 em) and metrics,
    made once a process (about half a second with fontTools)."""
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(str(FONT_FILE))
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    widths = {c: round(font["hmtx"][cmap[ord(c)]][0] * scale) for c in CHARACTERS}
    metrics: dict[str, Any] = {"ascent": round(font["hhea"].ascent * scale), "descent": round(font["hhea"].descent * scale),
               "cap": round(getattr(font["OS/2"], "sCapHeight", 0) * scale) or 729,
               "bbox": [round(v * scale) for v in (font["head"].xMin, font["head"].yMin,
                                                    font["head"].xMax, font["head"].yMax)]}
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=CHARACTERS)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue(), widths, metrics


class FooterFont:
    """The subset font, added once to ``writer``, and the footer drawn with it."""

    def __init__(self, writer: Any) -> None:
        from pypdf.generic import (
            ArrayObject,
            DecodedStreamObject,
            DictionaryObject,
            FloatObject,
            NameObject,
            NumberObject,
        )

        data, widths, metrics = font_program()
        self.widths = widths
        file = DecodedStreamObject()
        file.set_data(data)
        file[NameObject("/Length1")] = NumberObject(len(data))
        descriptor = DictionaryObject({
            NameObject("/Type"): NameObject("/FontDescriptor"), NameObject("/FontName"): NameObject("/" + FONT_NAME),
            NameObject("/Flags"): NumberObject(32),
            NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in metrics["bbox"]),
            NameObject("/ItalicAngle"): NumberObject(0), NameObject("/Ascent"): NumberObject(metrics["ascent"]),
            NameObject("/Descent"): NumberObject(metrics["descent"]),
            NameObject("/CapHeight"): NumberObject(metrics["cap"]), NameObject("/StemV"): NumberObject(80),
            NameObject("/FontFile2"): writer._add_object(file.flate_encode()),
        })
        first, last = ord(min(CHARACTERS)), ord(max(CHARACTERS))
        self.font = writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/TrueType"),
            NameObject("/BaseFont"): NameObject("/" + FONT_NAME),
            NameObject("/FirstChar"): NumberObject(first), NameObject("/LastChar"): NumberObject(last),
            NameObject("/Widths"): ArrayObject(NumberObject(widths.get(chr(code), 0))
                                               for code in range(first, last + 1)),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            NameObject("/FontDescriptor"): writer._add_object(descriptor),
        }))
        save = DecodedStreamObject()
        save.set_data(b"q\n")
        self.save = writer._add_object(save)
        self._float = FloatObject

    def stamp(self, page: Any, text: str) -> Any:
        """Draw ``text`` (digits, spaces, slashes) as the page's footer, after its content;
        the footer's stream, which :meth:`redraw` can change."""
        from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

        stream = DecodedStreamObject()
        self.redraw(stream, text)
        resources = page[NameObject("/Resources")].get_object()
        if "/Font" not in resources:
            resources[NameObject("/Font")] = DictionaryObject()
        resources["/Font"].get_object()[NameObject(RESOURCE)] = self.font
        contents = page.get("/Contents")
        old = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
        writer = page.indirect_reference.pdf
        page[NameObject("/Contents")] = ArrayObject([self.save, *old, writer._add_object(stream)])
        return stream

    def redraw(self, stream: Any, text: str) -> None:
        """The footer ``stream`` drawing ``text`` instead of what it drew."""
        width = sum(self.widths[c] for c in text) / 1000 * SIZE_PT
        x = RIGHT_PT - width
        stream.set_data((f"Q q 0.267 0.267 0.267 rg BT {RESOURCE} {SIZE_PT} Tf "
                         f"1 0 0 1 {x:.4f} {BASELINE_PT:.4f} Tm ({text}) Tj ET Q\n").encode("ascii"))
