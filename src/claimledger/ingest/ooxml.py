"""DOCX -> text by streaming the WordprocessingML, with every bound checked as it goes.

Reads: the bytes of a DOCX (a zip of XML parts).  Writes: the body text (paragraphs, and
table rows as ``cell | cell`` lines, in body order) and the title from the core properties.

A DOCX is a zip, so a small file can inflate to gigabytes of XML (a "zip bomb"), and
parsing that into a tree (as python-docx does) takes minutes and gigabytes.  Here:

- each part's *declared* size is checked against its compressed size and an absolute cap
  before anything is inflated, and the bytes actually inflated are counted while reading,
  because declared sizes lie (``ingest.zipbound``);
- the markup tags are counted (in C) before each chunk is parsed: the parse costs a
  roughly constant time per tag, so the count bounds the time;
- the XML is parsed by expat as a stream, never into a tree: memory holds the text found so
  far and one buffer, and the parse stops as soon as the text passes ``max_text_chars``.

Every refusal is E015 (too large); a part that is not well-formed XML is E013.  External
entities are never resolved (no file or network access); a reference to one is skipped and
the text around it kept.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from claimledger.errors import InputError
from claimledger.ingest.options import IngestOptions
from claimledger.ingest.zipbound import bounded_chunks

__all__ = ["read_docx_text"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DC_TITLE = "http://purl.org/dc/elements/1.1/}title"
#: Element nesting deeper than this is refused as hostile (libxml2, under python-docx,
#: stops at the same depth; Word's own documents nest a few dozen levels at most).
MAX_DEPTH = 256
#: The core-properties part holds a title and a few dates: a few KB.
MAX_CORE_BYTES = 1 << 20
# Run children that stand for text, and the text each stands for (as python-docx reads
# them); ``w:br`` is a line break only when it is not a page or column break.
_RUN_TEXT = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


class _Stop(Exception):
    """Raised inside an expat handler to end the parse with a coded error."""

    def __init__(self, err: InputError) -> None:
        self.err = err


@dataclass(slots=True)
class _Cell:
    col: int
    span: int = 1
    merge: str | None = None  # vMerge: "restart", "continue" or None
    paras: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Table:
    cells: list[_Cell] = field(default_factory=list)
    col: int = 0
    #: Text of the cell that starts a vertical merge, by grid column: python-docx repeats
    #: it in every row the merge covers, so a label stays next to each row's figure.
    merged: dict[int, str] = field(default_factory=dict)


class _Body:
    """expat handlers that collect the body's blocks (paragraphs and table rows) as text."""

    def __init__(self, max_chars: int, name: str) -> None:
        self.blocks: list[str] = []
        self.max_chars = max_chars
        self.name = name
        self.chars = 0
        self.stack: list[str] = []
        self.paras: list[list[str]] = []  # open paragraphs (a text box nests one in another)
        self.tables: list[_Table] = []
        self.skip = 0  # depth inside an mc:Fallback (a duplicate of the mc:Choice content)
        self.in_text = False

    def _emit(self, text: str, table: int = -1) -> None:
        """A finished block: into the open cell of ``self.tables[table]`` (a paragraph goes
        to the innermost table, a row to the one around its table), else into the body."""
        if len(self.tables) >= -table and self.tables[table].cells:
            self.tables[table].cells[-1].paras.append(text)
        else:
            self.blocks.append(text)

    def _add(self, text: str) -> None:
        if not self.paras:
            return
        self.chars += len(text)
        if self.chars > self.max_chars:
            raise _Stop(
                InputError("E015", f"extracted text exceeds {self.max_chars} characters", path=self.name)
            )
        self.paras[-1].append(text)

    # The handlers run once per element (millions in a big document): a dict lookup
    # decides, and elements that carry no text cost one lookup each.
    def start(self, tag: str, attrs: dict[str, str]) -> None:
        stack = self.stack
        stack.append(tag)
        if self.skip:
            self.skip += 1
            return
        op = _START.get(tag)
        if op is not None:
            op(self, attrs)
        elif len(stack) > MAX_DEPTH:
            raise _Stop(InputError("E013", f"XML nested deeper than {MAX_DEPTH} elements", path=self.name))

    def end(self, tag: str) -> None:
        self.stack.pop()
        if self.skip:
            self.skip -= 1
            return
        op = _END.get(tag)
        if op is not None:
            op(self)

    def data(self, text: str) -> None:
        if self.in_text and not self.skip:
            self._add(text)

    def _in_run(self) -> bool:
        return len(self.stack) > 1 and self.stack[-2] == _R

    def _run_text(self, attrs: dict[str, str]) -> None:
        if self._in_run():
            self._add(_RUN_TEXT[self.stack[-1]])

    def _br(self, attrs: dict[str, str]) -> None:
        # A page or column break separates nothing in the text; a line break does.
        if self._in_run() and attrs.get(_W + "type", "textWrapping") == "textWrapping":
            self._add("\n")

    def _t_start(self, attrs: dict[str, str]) -> None:
        self.in_text = self._in_run()

    def _t_end(self) -> None:
        self.in_text = False

    def _p_start(self, attrs: dict[str, str]) -> None:
        self.paras.append([])

    def _p_end(self) -> None:
        if self.paras:
            self._emit("".join(self.paras.pop()))

    def _fallback(self, attrs: dict[str, str]) -> None:
        self.skip = 1

    def _tbl_start(self, attrs: dict[str, str]) -> None:
        self.tables.append(_Table())

    def _tbl_end(self) -> None:
        if self.tables:
            self.tables.pop()  # each row was emitted as it ended

    def _tr_start(self, attrs: dict[str, str]) -> None:
        if self.tables:
            self.tables[-1].cells.clear()
            self.tables[-1].col = 0

    def _tr_end(self) -> None:
        if self.tables:
            table = self.tables[-1]
            texts = [c.paras[0].strip() if c.paras else "" for c in table.cells]
            table.cells.clear()
            self._emit(" | ".join(t for t in dict.fromkeys(texts) if t), -2)  # merged cells repeat

    def _grid_before(self, attrs: dict[str, str]) -> None:
        if self.tables:
            self.tables[-1].col += _int(attrs.get(_W + "val"))

    def _tc_start(self, attrs: dict[str, str]) -> None:
        if self.tables:
            self.tables[-1].cells.append(_Cell(self.tables[-1].col))

    def _tc_end(self) -> None:
        if not self.tables or not self.tables[-1].cells:
            return
        table = self.tables[-1]
        cell = table.cells[-1]
        text = "\n".join(cell.paras)
        if cell.merge == "continue":
            text = table.merged.get(cell.col, text)
        elif cell.merge == "restart":
            table.merged[cell.col] = text
        else:
            table.merged.pop(cell.col, None)
        cell.paras = [text]
        table.col = cell.col + cell.span

    def _grid_span(self, attrs: dict[str, str]) -> None:
        if self.tables and self.tables[-1].cells:
            self.tables[-1].cells[-1].span = max(1, _int(attrs.get(_W + "val")))

    def _v_merge(self, attrs: dict[str, str]) -> None:
        if self.tables and self.tables[-1].cells:
            self.tables[-1].cells[-1].merge = attrs.get(_W + "val", "continue")


_R = _W + "r"
_START: dict[str, Callable[[_Body, dict[str, str]], None]] = {
    _W + "p": _Body._p_start,
    _W + "t": _Body._t_start,
    _W + "br": _Body._br,
    **dict.fromkeys(_RUN_TEXT, _Body._run_text),
    _W + "tbl": _Body._tbl_start,
    _W + "tr": _Body._tr_start,
    _W + "gridBefore": _Body._grid_before,
    _W + "tc": _Body._tc_start,
    _W + "gridSpan": _Body._grid_span,
    _W + "vMerge": _Body._v_merge,
    _MC_FALLBACK: _Body._fallback,
}
_END: dict[str, Callable[[_Body], None]] = {
    _W + "p": _Body._p_end,
    _W + "t": _Body._t_end,
    _W + "tbl": _Body._tbl_end,
    _W + "tr": _Body._tr_end,
    _W + "tc": _Body._tc_end,
}


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _parser() -> expat.XMLParserType:
    p = expat.ParserCreate(namespace_separator="}")
    p.buffer_text = True
    p.buffer_size = 64 << 10
    # Never fetch external entities (files, URLs): expat calls this for each reference to
    # one, and returning 1 skips it while the parse goes on, so the text around it stays.
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    p.ExternalEntityRefHandler = lambda *_args: 1
    return p


def _parse(chunks: Iterator[bytes], handler: _Body | _Title, name: str, max_tags: int) -> None:
    """Feed ``chunks`` to expat; E015 before the chunk that would pass ``max_tags`` tags."""
    p = _parser()
    p.StartElementHandler = handler.start
    p.EndElementHandler = handler.end
    p.CharacterDataHandler = handler.data
    tags = 0
    try:
        for chunk in chunks:
            tags += chunk.count(b"<")  # counted in C: the parse's cost is per tag
            if tags > max_tags:
                raise InputError("E015", f"more than {max_tags} XML tags (limit)", path=name)
            p.Parse(chunk, False)
        p.Parse(b"", True)
    except _Stop as stop:
        raise stop.err from None
    except expat.ExpatError as e:
        raise InputError("E013", f"DOCX could not be parsed: {e}", path=name) from None


class _Title:
    """expat handlers that keep the text of ``dc:title``."""

    def __init__(self) -> None:
        self.depth = 0
        self.parts: list[str] = []

    def start(self, tag: str, _attrs: dict[str, str]) -> None:
        if self.depth or tag == _DC_TITLE:
            self.depth += 1

    def end(self, _tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def data(self, text: str) -> None:
        if self.depth:
            self.parts.append(text)


def read_docx_text(data: bytes, name: str, opts: IngestOptions) -> tuple[str, str | None]:
    """The body text and the title of a DOCX, within ``opts``' limits."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise InputError("E013", f"DOCX could not be parsed: {e}", path=name) from None
    with zf:
        if len(zf.infolist()) > opts.max_archive_members:
            raise InputError("E015", f"more than {opts.max_archive_members} parts", path=name)
        try:
            body_info = zf.getinfo("word/document.xml")
        except KeyError:
            raise InputError("E013", "DOCX has no word/document.xml", path=name) from None
        body = _Body(opts.max_text_chars, name)
        title = _Title()
        try:
            chunks = bounded_chunks(zf, body_info, opts.max_docx_xml_bytes, name)
            _parse(chunks, body, name, opts.max_docx_tags)
            if "docProps/core.xml" in zf.NameToInfo:
                core = zf.getinfo("docProps/core.xml")
                _parse(bounded_chunks(zf, core, MAX_CORE_BYTES, name), title, name, MAX_CORE_BYTES)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as e:
            raise InputError("E013", f"DOCX could not be read: {e}", path=name) from None
    text = "\n\n".join(b.strip() for b in body.blocks if b.strip())
    return text, "".join(title.parts).strip() or None
