#!/usr/bin/env python3
"""PDF/A-2u and PDF/UA-1 conditions that a machine can check, on pikepdf (qpdf's library).

No validator from Debian or PyPI checks PDF/A-2 (veraPDF is in neither), so this checks the
machine-checkable requirements of ISO 19005-2 level U that our PDFs could break, and those
Matterhorn Protocol 1.1 failure conditions of PDF/UA-1 that a program can decide; outloud (PyPI)
checks PDF/UA-1 beside it. Each problem is printed as `FILE: ID text`, the ID naming the
PDF/A-2 clause (`A-…`) or the Matterhorn failure condition (`MH-…`).

Usage: archive.py FILE.pdf…            checks each file, exit 1 when any has a problem
       archive.py --controls GOOD.pdf DIR   writes one control per condition from a good PDF
                                            into DIR and checks that each is refused for it
"""
import re
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    "pdfaType": "http://www.aiim.org/pdfa/ns/type#",
    "pdfaField": "http://www.aiim.org/pdfa/ns/field#",
}
# Schemas PDF/A-2 predefines (ISO 19005-2, 6.6.2.3.2: XMP 2005's), and those of the extension
# schema container itself; any other namespace must be described in pdfaExtension:schemas.
PREDEFINED = {NS[k] for k in ("x", "rdf", "dc", "xmp", "pdf", "pdfaid", "pdfaExtension", "pdfaSchema", "pdfaProperty", "pdfaType", "pdfaField")} | {
    "http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/bj/",
    "http://ns.adobe.com/xap/1.0/t/pg/", "http://ns.adobe.com/photoshop/1.0/", "http://ns.adobe.com/tiff/1.0/",
    "http://ns.adobe.com/exif/1.0/", "http://ns.adobe.com/exif/1.0/aux/", "http://ns.adobe.com/camera-raw-settings/1.0/",
    "http://www.w3.org/XML/1998/namespace",
}
# ISO 32000-1 standard structure types (14.8.4).
STANDARD_TYPES = set(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody "
    "Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP "
    "Figure Formula Form".split()
)
BLEND_MODES = set("Normal Compatible Multiply Screen Overlay Darken Lighten ColorDodge ColorBurn HardLight SoftLight Difference Exclusion Hue Saturation Color Luminosity".split())
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript", "/Hide", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView", "/GoToR", "/GoToE"}
FORBIDDEN_ANNOTATIONS = {"/Sound", "/Movie", "/Screen", "/3D", "/FileAttachment", "/RichMedia"}
PAINTING = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "Tj", "TJ", "'", '"', "Do", "sh", "BI", "EI", "INLINE IMAGE"}
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def text(value):
    return str(value) if value is not None else None


def pdf_date(value):
    """A PDF date string as an aware datetime, or None."""
    m = re.fullmatch(r"D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?([Zz+\-])?(\d\d)?'?(\d\d)?'?", value or "")
    if not m:
        return None
    parts = [int(p) if p else d for p, d in zip(m.groups()[:6], (0, 1, 1, 0, 0, 0))]
    offset = 0
    if m.group(7) in ("+", "-"):
        offset = (int(m.group(8) or 0) * 60 + int(m.group(9) or 0)) * (1 if m.group(7) == "+" else -1)
    return datetime(*parts, tzinfo=timezone.utc).timestamp() - offset * 60


def xmp_date(value):
    try:
        return datetime.fromisoformat((value or "").replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


class Check:
    def __init__(self, path):
        self.path = path
        self.problems = []

    def fail(self, ident, message):
        self.problems.append(f"{ident} {message}")

    def run(self):
        try:
            pdf = pikepdf.open(self.path)
        except pikepdf.PasswordError:
            self.fail("A-6.1.3", "the file is encrypted")
            return self.problems
        with pdf:
            self.pdf = pdf
            self.header(pdf)
            xmp = self.metadata(pdf)
            self.output_intent(pdf)
            self.objects(pdf)
            self.structure(pdf, xmp)
            self.pages(pdf)
        return self.problems

    # PDF/A-2: file structure (6.1).
    def header(self, pdf):
        head = Path(self.path).read_bytes()[:1024]
        if not re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", head):
            self.fail("A-6.1.2", "the header is not %PDF-1.n followed by a comment of four bytes above 127")
        if "/Encrypt" in pdf.trailer:
            self.fail("A-6.1.3", "the trailer has /Encrypt")
        if "/ID" not in pdf.trailer:
            self.fail("A-6.1.3", "the trailer has no /ID")

    # PDF/A-2 6.6 and PDF/UA-1 (Matterhorn 06, 07, 11): XMP metadata, its agreement with the
    # document information, the identification.
    def metadata(self, pdf):
        root = pdf.Root
        stream = root.get("/Metadata")
        if not isinstance(stream, Stream):
            self.fail("A-6.6.2.1", "the catalog has no XMP metadata stream (also MH-06-001)")
            return None
        if stream.get("/Type") != Name.Metadata or stream.get("/Subtype") != Name.XML:
            self.fail("A-6.6.2.1", "the metadata stream is not /Type /Metadata /Subtype /XML")
        if "/Filter" in stream:
            self.fail("A-6.6.2.1", "the metadata stream is compressed (/Filter)")
        raw = stream.read_raw_bytes() if "/Filter" in stream else stream.read_bytes()
        if b"bytes=" in raw[:200] or b"encoding=" in raw[:200]:
            self.fail("A-6.6.2.1", "the xpacket header has a bytes or encoding attribute")
        try:
            tree = ET.fromstring(stream.read_bytes())
        except ET.ParseError as error:
            self.fail("A-6.6.2.1", f"the XMP is not well-formed XML: {error}")
            return None

        def values(prop):
            prefix, local = prop.split(":")
            found = []
            for description in tree.iter(f"{{{NS['rdf']}}}Description"):
                attribute = description.get(f"{{{NS[prefix]}}}{local}")
                if attribute is not None:
                    found.append(attribute)
                for element in description.findall(f"{{{NS[prefix]}}}{local}"):
                    items = element.findall(f".//{{{NS['rdf']}}}li")
                    found.append([(li.text or "", li.get("{http://www.w3.org/XML/1998/namespace}lang")) for li in items] if items else (element.text or ""))
            return found

        def single(prop):
            found = values(prop)
            return found[0] if found else None

        # Namespaces used in properties: predefined, or described by the extension schema.
        described = {e.text for e in tree.iter(f"{{{NS['pdfaSchema']}}}namespaceURI")}
        used = set()
        for description in tree.iter(f"{{{NS['rdf']}}}Description"):
            for child in description:
                used.add(child.tag[1:].split("}")[0])
            for attribute in description.attrib:
                if attribute.startswith("{"):
                    used.add(attribute[1:].split("}")[0])
        for namespace in sorted(used - PREDEFINED - described):
            self.fail("A-6.6.2.3.1", f"the XMP uses the namespace {namespace}, which no pdfaExtension schema describes")

        part, conformance = single("pdfaid:part"), single("pdfaid:conformance")
        if part != "2" or conformance not in ("U", "A", "B"):
            self.fail("A-6.6.4", f"no PDF/A-2 identification (pdfaid:part {part!r}, pdfaid:conformance {conformance!r})")
        if conformance == "B":
            self.fail("A-6.6.4", "the PDF/A conformance level is B, not U")
        if single("pdfuaid:part") != "1":
            self.fail("MH-06-002", "the XMP has no PDF/UA identifier (pdfuaid:part 1)")
        title = single("dc:title")
        if not title:
            self.fail("MH-06-003", "the XMP has no dc:title")

        info = pdf.trailer.get("/Info")
        info = info if isinstance(info, Dictionary) else Dictionary()

        def alt(value):
            if isinstance(value, list):
                default = [t for t, lang in value if lang == "x-default"]
                return default[0] if default else (value[0][0] if value else None)
            return value

        pairs = [
            ("/Title", alt(title), "dc:title"),
            ("/Author", (lambda v: ", ".join(t for t, _ in v) if isinstance(v, list) else v)(single("dc:creator")), "dc:creator"),
            ("/Subject", alt(single("dc:description")), "dc:description"),
            ("/Keywords", single("pdf:Keywords"), "pdf:Keywords"),
            ("/Creator", single("xmp:CreatorTool"), "xmp:CreatorTool"),
            ("/Producer", single("pdf:Producer"), "pdf:Producer"),
        ]
        for key, value, prop in pairs:
            if key in info and text(info[key]) != value:
                self.fail("A-6.6.3", f"{key} {text(info[key])!r} is not the XMP {prop} {value!r}")
            if key not in info and value is not None and key != "/Title":
                self.fail("A-6.6.3", f"the XMP has {prop} but the document information has no {key}")
        if isinstance(single("dc:creator"), list) and len(single("dc:creator")) > 1:
            self.fail("A-6.6.3", "dc:creator has more than one entry")
        for key, prop in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
            value = single(prop)
            if key in info or value is not None:
                if pdf_date(text(info.get(key))) is None or xmp_date(value) != pdf_date(text(info.get(key))):
                    self.fail("A-6.6.3", f"{key} {text(info.get(key))!r} is not the XMP {prop} {value!r}")
        languages = single("dc:language")
        language = text(root.get("/Lang"))
        if not language or not LANGUAGE.match(language):
            self.fail("MH-11-006", f"the catalog's /Lang {language!r} is missing or not a language tag")
        elif isinstance(languages, list) and language not in [t for t, _ in languages]:
            self.fail("A-6.6.3", f"dc:language {languages} does not name the catalog's /Lang {language!r}")
        return tree

    # PDF/A-2 6.2.3: one output intent with an ICC profile that can be an output profile.
    def output_intent(self, pdf):
        intents = [i for i in pdf.Root.get("/OutputIntents", Array()) if i.get("/S") == Name.GTS_PDFA1]
        if not intents:
            self.fail("A-6.2.3", "no PDF/A output intent (/S /GTS_PDFA1) in the catalog")
            return
        profiles = {i.get("/DestOutputProfile").objgen for i in intents if isinstance(i.get("/DestOutputProfile"), Stream)}
        if len(profiles) != 1 or len(profiles) != len({i.get("/DestOutputProfile").objgen for i in intents if "/DestOutputProfile" in i}):
            self.fail("A-6.2.3", "the PDF/A output intents do not share one embedded ICC profile")
            return
        intent = intents[0]
        profile = intent.DestOutputProfile
        data = profile.read_bytes()
        if len(data) < 128 or data[36:40] != b"acsp":
            self.fail("A-6.2.3", "the output intent's profile is not an ICC profile")
            return
        if data[12:16] not in (b"prtr", b"mntr"):
            self.fail("A-6.2.3", f"the output profile's class {data[12:16]!r} is neither printer nor monitor")
        if data[8] > 4:
            self.fail("A-6.2.3", f"the output profile's ICC version {data[8]} is above 4")
        components = {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}.get(bytes(data[16:20]))
        if profile.get("/N") != components:
            self.fail("A-6.2.3", f"the profile's /N {profile.get('/N')} does not match its colour space {data[16:20]!r}")
        if "/OutputConditionIdentifier" not in intent:
            self.fail("A-6.2.3", "the output intent has no /OutputConditionIdentifier")
        self.colour_space = bytes(data[16:20])

    # PDF/A-2 6.1, 6.2.4, 6.2.10, 6.2.11, 6.3, 6.5, 6.8 over every object: fonts, transparency,
    # actions, annotations, external content.
    def objects(self, pdf):
        root = pdf.Root
        for key in ("/AA", "/OCProperties"):
            if key == "/AA" and key in root:
                self.fail("A-6.5.2", "the catalog has additional actions (/AA)")
        names = root.get("/Names", Dictionary())
        if "/JavaScript" in names:
            self.fail("A-6.5.1", "the name dictionary has JavaScript")
        if "/EmbeddedFiles" in names:
            self.fail("A-6.8", "the document embeds files (only PDF/A files may be, and we embed none)")
        if "/AcroForm" in root and root.AcroForm.get("/NeedAppearances") is True:
            self.fail("A-6.4.1", "the form asks for appearances to be made (/NeedAppearances true)")
        for obj in all_dictionaries(pdf):
            kind = obj.get("/Type")
            subtype = obj.get("/Subtype")
            if "/S" in obj and str(obj.get("/S")) in FORBIDDEN_ACTIONS and (kind in (None, Name.Action)) and "/P" not in obj:
                self.fail("A-6.5.1", f"a {obj.get('/S')} action")
            if "/JS" in obj:
                self.fail("A-6.5.1", "a JavaScript action")
            if kind == Name.Annot or (subtype is not None and "/Rect" in obj and kind is None):
                self.annotation(obj)
            if kind == Name.Font or (subtype in (Name.Type0, Name.TrueType, Name.Type1, Name.Type3, Name.MMType1, Name.CIDFontType0, Name.CIDFontType2) and "/BaseFont" in obj or subtype == Name.Type3):
                self.font(obj)
            if kind == Name.ExtGState or any(k in obj for k in ("/BM", "/SMask", "/TR", "/TR2", "/HTP")) and kind in (None, Name.ExtGState) and not isinstance(obj, Stream):
                self.graphics_state(obj)
            if isinstance(obj, Stream) and subtype == Name.Image:
                if obj.get("/Interpolate") is True:
                    self.fail("A-6.2.8", "an image with /Interpolate true")
                if "/Alternates" in obj or "/OPI" in obj:
                    self.fail("A-6.2.8", "an image with /Alternates or /OPI")
            if isinstance(obj, Stream) and subtype == Name.Form and ("/Ref" in obj or "/OPI" in obj):
                self.fail("A-6.2.9", "a reference XObject or OPI (also MH-30-001)")
            if isinstance(obj, Stream) and subtype == Name.PS:
                self.fail("A-6.2.9", "a PostScript XObject")
            if isinstance(obj, Stream) and ("/F" in obj and kind is None and subtype is None and "/Length" in obj and not isinstance(obj.get("/F"), (int,))):
                self.fail("A-6.1.7", "a stream whose data is in an external file (/F)")
            if "/ColorSpace" in obj or kind == Name.Page:
                self.colour_spaces(obj)

    def colour_spaces(self, obj):
        spaces = []
        value = obj.get("/ColorSpace")
        if isinstance(value, Dictionary):
            spaces += list(value.values())
        elif value is not None:
            spaces.append(value)
        for space in spaces:
            name = space[0] if isinstance(space, Array) and len(space) else space
            if name == Name.DeviceCMYK and getattr(self, "colour_space", None) != b"CMYK":
                self.fail("A-6.2.4.3", "DeviceCMYK is used without a CMYK output intent")
            if name == Name.DeviceRGB and getattr(self, "colour_space", None) != b"RGB ":
                self.fail("A-6.2.4.3", "DeviceRGB is used without an RGB output intent")

    def annotation(self, annot):
        subtype = annot.get("/Subtype")
        if str(subtype) in FORBIDDEN_ANNOTATIONS:
            self.fail("A-6.3.1", f"a {subtype} annotation")
        if subtype != Name.Popup:
            flags = int(annot.get("/F", 0))
            if not flags & 4 or flags & (1 | 2 | 32 | 256):
                self.fail("A-6.3.2", f"a {subtype} annotation is not printable or is hidden (/F {flags})")
        action = annot.get("/A")
        if isinstance(action, Dictionary) and str(action.get("/S")) in FORBIDDEN_ACTIONS:
            self.fail("A-6.5.1", f"a {action.get('/S')} action on a link")
        if subtype != Name.Widget and not text(annot.get("/Contents")):
            self.fail("MH-28-004", f"a {subtype} annotation without /Contents")

    def font(self, font):
        subtype = font.get("/Subtype")
        name = text(font.get("/BaseFont")) or "a Type 3 font"
        if subtype == Name.Type0:
            descendants = font.get("/DescendantFonts", Array())
            for descendant in descendants:
                descriptor = descendant.get("/FontDescriptor", Dictionary())
                if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    self.fail("A-6.2.11.4", f"the font {name} is not embedded (also MH-31-009)")
                if descendant.get("/Subtype") == Name.CIDFontType2 and "/CIDToGIDMap" not in descendant:
                    self.fail("A-6.2.11.3.2", f"the font {name} has no /CIDToGIDMap")
        elif subtype in (Name.Type1, Name.TrueType, Name.MMType1):
            descriptor = font.get("/FontDescriptor", Dictionary())
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                self.fail("A-6.2.11.4", f"the font {name} is not embedded (also MH-31-009)")
        elif subtype in (Name.CIDFontType0, Name.CIDFontType2):
            return  # checked through its Type 0 font
        if "/ToUnicode" not in font:
            simple_standard = subtype in (Name.Type1, Name.TrueType) and font.get("/Encoding") in (Name.WinAnsiEncoding, Name.MacRomanEncoding, Name.StandardEncoding)
            if not simple_standard:
                self.fail("A-6.2.11.7", f"the font {name} has no ToUnicode map (also MH-31-027 / 10-001)")

    def graphics_state(self, state):
        blend = state.get("/BM")
        modes = list(blend) if isinstance(blend, Array) else [blend] if blend is not None else []
        for mode in modes:
            if str(mode)[1:] not in BLEND_MODES:
                self.fail("A-6.2.10", f"the blend mode {mode} is not one of ISO 32000-1's")
        mask = state.get("/SMask")
        if isinstance(mask, Dictionary) and mask.get("/S") not in (Name.Luminosity, Name.Alpha):
            self.fail("A-6.2.10", "a soft mask that is neither /Luminosity nor /Alpha")
        if "/TR" in state or state.get("/TR2", Name.Default) != Name.Default:
            self.fail("A-6.2.5", "a transfer function (/TR, /TR2) in a graphics state")
        if "/HTP" in state or "/HTO" in state:
            self.fail("A-6.2.5", "a halftone phase or origin in a graphics state")

    # PDF/UA-1 (Matterhorn 01, 02, 07, 13, 14, 15, 28): the catalog and the structure tree.
    def structure(self, pdf, xmp):
        root = pdf.Root
        mark = root.get("/MarkInfo", Dictionary())
        if mark.get("/Marked") is not True:
            self.fail("MH-01-002", "the catalog's /MarkInfo does not say /Marked true")
        if mark.get("/Suspects") is True:
            self.fail("MH-01-007", "/MarkInfo /Suspects is true")
        preferences = root.get("/ViewerPreferences", Dictionary())
        if "/DisplayDocTitle" not in preferences:
            self.fail("MH-07-001", "/ViewerPreferences has no /DisplayDocTitle")
        elif preferences.DisplayDocTitle is not True:
            self.fail("MH-07-002", "/DisplayDocTitle is false")
        tree = root.get("/StructTreeRoot")
        if not isinstance(tree, Dictionary):
            self.fail("MH-01-001", "the document has no structure tree")
            return
        role_map = tree.get("/RoleMap", Dictionary())

        def standard(kind):
            seen = set()
            while kind not in STANDARD_TYPES:
                if kind in seen:
                    self.fail("MH-02-003", f"the role map is circular at {kind}")
                    return None
                seen.add(kind)
                target = role_map.get("/" + kind)
                if target is None:
                    self.fail("MH-02-001", f"the structure type {kind} is neither standard nor role-mapped")
                    return None
                kind = str(target)[1:]
            return kind

        for key in role_map.keys():
            if key[1:] in STANDARD_TYPES:
                self.fail("MH-02-004", f"the standard type {key} is remapped")
        self.headings = []
        self.link_annotations = set()
        visited = set()

        def walk(element, part):
            if element.objgen in visited:
                return
            visited.add(element.objgen)
            kind = standard(str(element.get("/S"))[1:]) if "/S" in element else None
            if kind == "Figure" and not (text(element.get("/Alt")) or text(element.get("/ActualText"))):
                self.fail("MH-13-004", "a Figure without alternative text")
            if kind == "Formula" and not (text(element.get("/Alt")) or text(element.get("/ActualText"))):
                self.fail("MH-17-002", "a Formula without alternative text")
            if kind in ("Document", "Part"):
                part = element.objgen
            if kind and re.fullmatch(r"H[1-6]", kind):
                self.headings.append((part, int(kind[1])))
            if kind == "TH":
                attributes = element.get("/A")
                attributes = list(attributes) if isinstance(attributes, Array) else [attributes] if attributes is not None else []
                scoped = any(isinstance(a, Dictionary) and a.get("/O") == Name.Table and "/Scope" in a for a in attributes)
                if not scoped:
                    self.fail("MH-15-003", "a table header cell (TH) without a Scope attribute")
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, Array) else [kids] if kids is not None else []
            for kid in kids:
                if isinstance(kid, Dictionary):
                    if kid.get("/Type") == Name.OBJR:
                        obj = kid.get("/Obj")
                        if isinstance(obj, Dictionary) and obj.get("/Subtype") == Name.Link:
                            if kind != "Link":
                                self.fail("MH-28-011", "a link annotation is not inside a Link element")
                            self.link_annotations.add(obj.objgen)
                    elif kid.get("/Type") != Name.MCR:
                        walk(kid, part)

        top = tree.get("/K")
        for element in (list(top) if isinstance(top, Array) else [top] if top is not None else []):
            if isinstance(element, Dictionary):
                walk(element, None)
        # Headings: the first of each document (or bound sheet) is H1; none skips a level going down.
        last = {}
        for part, level in self.headings:
            previous = last.get(part)
            if previous is None and level != 1:
                self.fail("MH-14-002", f"the first heading is H{level}, not H1")
            elif previous is not None and level > previous + 1:
                self.fail("MH-14-003", f"a heading skips from H{previous} to H{level}")
            last[part] = level

    # Pages: annotations (Matterhorn 28), untagged marks (Matterhorn 01-005), nesting of artifacts
    # in tagged content (01-003, 01-004).
    def pages(self, pdf):
        for number, page in enumerate(pdf.pages, 1):
            annotations = page.obj.get("/Annots", Array())
            if len(annotations):
                if "/Tabs" not in page.obj:
                    self.fail("MH-28-008", f"page {number} has annotations and no /Tabs")
                elif page.obj.Tabs != Name.S:
                    self.fail("MH-28-009", f"page {number} has annotations and /Tabs {page.obj.Tabs}, not /S")
            for annotation in annotations:
                if annotation.get("/Subtype") == Name.Link and annotation.objgen not in self.link_annotations:
                    self.fail("MH-28-011", f"a link on page {number} is not in a Link element")
                if annotation.get("/Subtype") not in (Name.Link, Name.Widget, Name.Popup, Name.PrinterMark) and "/StructParent" not in annotation:
                    self.fail("MH-28-002", f"a {annotation.get('/Subtype')} annotation on page {number} is not in an Annot element")
            self.content(page, f"page {number}")

    def content(self, page, where):
        stack = []  # "tagged" / "artifact" / "other" for each open marked-content sequence
        untagged = 0
        saved = deepest = 0
        try:
            operations = pikepdf.parse_content_stream(page)
        except pikepdf.PdfError as error:
            self.fail("A-6.2.2", f"{where}: the content stream cannot be read: {error}")
            return
        for operands, operator in operations:
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0]) if operands else ""
                properties = operands[1] if len(operands) > 1 else None
                if tag == "/Artifact":
                    if "tagged" in stack:
                        self.fail("MH-01-003", f"{where}: an artifact inside tagged content")
                    stack.append("artifact")
                elif isinstance(properties, Dictionary) and "/MCID" in properties:
                    if "artifact" in stack:
                        self.fail("MH-01-004", f"{where}: tagged content inside an artifact")
                    stack.append("tagged")
                else:
                    stack.append("other")
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op == "q":
                saved += 1
                deepest = max(deepest, saved)
            elif op == "Q":
                saved -= 1
            elif op in PAINTING and "tagged" not in stack and "artifact" not in stack:
                untagged += 1
        if deepest > 28:
            self.fail("A-6.1.13", f"{where}: graphics states nest {deepest} deep (q), more than 28")
        if untagged:
            self.fail("MH-01-005", f"{where}: {untagged} painting operator(s) are neither tagged content nor an artifact")


def all_dictionaries(pdf):
    """Every dictionary and stream of the file: the indirect objects and the dictionaries written
    directly inside them (an action in the catalog, a link's action), each once."""
    def inner(value):
        if isinstance(value, (Dictionary, Stream)):
            yield value
            items = value.values()
        elif isinstance(value, Array):
            items = list(value)
        else:
            return
        for item in items:
            if isinstance(item, (Dictionary, Array)) and not item.is_indirect:
                yield from inner(item)
    for obj in pdf.objects:
        if isinstance(obj, (Dictionary, Stream, Array)):
            yield from inner(obj)
    yield from inner(pdf.trailer)


def check(paths):
    bad = 0
    for path in paths:
        problems = Check(path).run()
        for problem in problems:
            print(f"{path}: {problem}")
        bad += bool(problems)
    return bad


# Controls: each condition broken in a copy of a good PDF; the check must refuse each one for it.
def controls(good, folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)

    def xmp_without(pattern):
        def edit(pdf):
            data = pdf.Root.Metadata.read_bytes().decode()
            pdf.Root.Metadata.write(re.sub(pattern, "", data, flags=re.S).encode())
        return edit

    def first(pdf, kind):
        for element in structure_elements(pdf):
            if str(element.get("/S")) == kind:
                return element
        raise SystemExit(f"control: {good} has no {kind} element to break")

    def structure_elements(pdf):
        for obj in pdf.objects:
            if isinstance(obj, Dictionary) and obj.get("/Type") == Name.StructElem:
                yield obj

    def add_link(pdf, tabs=True, contents=True, tagged=True):
        page = pdf.pages[0].obj
        link = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[10, 10, 50, 20], F=4,
                                            A=Dictionary(S=Name.URI, URI=pikepdf.String("https://example.org/"))))
        if contents:
            link.Contents = pikepdf.String("example.org")
        page.Annots = Array([link])
        if tabs:
            page.Tabs = Name.S
        elif "/Tabs" in page:
            del page["/Tabs"]
        if tagged:
            element = first(pdf, "/P")
            element.K = Array([element.get("/K"), Dictionary(Type=Name.OBJR, Obj=link)]) if not isinstance(element.get("/K"), Array) else Array(list(element.K) + [Dictionary(Type=Name.OBJR, Obj=link)])
            element.S = Name.Link

    def untagged_mark(pdf):
        page = pdf.pages[0]
        page.contents_add(pikepdf.unparse_content_stream([([], pikepdf.Operator("q")), ([0, 0, 1, 1], pikepdf.Operator("re")), ([], pikepdf.Operator("f")), ([], pikepdf.Operator("Q"))]))

    def font_unembedded(pdf):
        for obj in pdf.objects:
            if isinstance(obj, Dictionary) and obj.get("/Type") == Name.FontDescriptor:
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in obj:
                        del obj[key]
                return

    def font_without_unicode(pdf):
        for obj in pdf.objects:
            if isinstance(obj, Dictionary) and obj.get("/Type") == Name.Font and "/ToUnicode" in obj:
                del obj["/ToUnicode"]
                return

    def heading(pdf, level_from, level_to):
        first(pdf, level_from).S = Name(level_to)

    def info(key, value):
        def edit(pdf):
            pdf.trailer.Info[key] = pikepdf.String(value)
        return edit

    def delete(path):
        def edit(pdf):
            *parents, key = path
            obj = pdf.Root
            for part in parents:
                obj = obj[part]
            del obj[key]
        return edit

    def assign(path, value):
        def edit(pdf):
            *parents, key = path
            obj = pdf.Root
            for part in parents:
                obj = obj[part]
            obj[key] = value(pdf) if callable(value) else value
        return edit

    def blend(pdf):
        for obj in pdf.objects:
            if isinstance(obj, Dictionary) and obj.get("/Type") == Name.ExtGState or isinstance(obj, Dictionary) and "/ca" in obj:
                obj.BM = Name("/Glow")
                return
        raise SystemExit("control: no graphics state to break")

    def role(pdf):
        first(pdf, "/P").S = Name("/Paragraph")

    def role_map(mapping):
        def edit(pdf):
            pdf.Root.StructTreeRoot.RoleMap = Dictionary({k: Name(v) for k, v in mapping.items()})
            for key in mapping:
                if key[1:] not in STANDARD_TYPES:
                    first(pdf, "/P").S = Name(key)
        return edit

    def prepend(operations):
        def edit(pdf):
            page = pdf.pages[0]
            data = pikepdf.unparse_content_stream([(operands, pikepdf.Operator(op)) for operands, op in operations])
            page.obj.Contents = pdf.make_stream(data + b"\n" + page.obj.Contents.read_bytes())
        return edit

    def annotation(subtype):
        def edit(pdf):
            add_link(pdf)
            annot = pdf.pages[0].obj.Annots[0]
            annot.Subtype = Name(subtype)
        return edit

    def formula(pdf):
        first(pdf, "/Figure").S = Name.Formula
        del first(pdf, "/Formula")["/Alt"]

    def reference_xobject(pdf):
        form = pdf.make_stream(b"", Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 1, 1],
                               Ref=Dictionary(F=pikepdf.String("other.pdf"), Page=0))
        pdf.pages[0].Resources.XObject = Dictionary(X9=form)

    def transfer(pdf):
        for obj in pdf.objects:
            if isinstance(obj, Dictionary) and obj.get("/Type") == Name.ExtGState or isinstance(obj, Dictionary) and "/ca" in obj:
                obj.TR = Name.Identity
                return

    def encrypt(path):
        with pikepdf.open(good) as pdf:
            pdf.save(path, encryption=pikepdf.Encryption(owner="o", user="", R=4))

    def cmyk(pdf):
        pdf.pages[0].Resources.ColorSpace = Dictionary(CS9=Name.DeviceCMYK)

    def date(pdf):
        pdf.trailer.Info.ModDate = pikepdf.String("D:20200101000000+00'00'")

    cases = {
        "A-6.6.2.1": delete(["/Metadata"]),
        "A-6.6.4": xmp_without(r"<pdfaid:part>.*?</pdfaid:part>"),
        "A-6.6.2.3.1": xmp_without(r"<pdfaExtension:schemas>.*?</pdfaExtension:schemas>"),
        "A-6.6.3": info("/Title", "Another title"),
        "A-6.2.3": delete(["/OutputIntents"]),
        "A-6.2.11.4": font_unembedded,
        "A-6.2.11.7": font_without_unicode,
        "A-6.2.10": blend,
        "A-6.5.1": assign(["/OpenAction"], lambda pdf: Dictionary(S=Name.JavaScript, JS=pikepdf.String("app.alert(1)"))),
        "A-6.3.2": lambda pdf: (add_link(pdf), pdf.pages[0].obj.Annots[0].__setattr__("F", 2)),
        "MH-06-002": xmp_without(r"<pdfuaid:part>.*?</pdfuaid:part>"),
        "MH-06-003": xmp_without(r"<dc:title>.*?</dc:title>"),
        "MH-07-001": delete(["/ViewerPreferences", "/DisplayDocTitle"]),
        "MH-11-006": delete(["/Lang"]),
        "MH-01-002": delete(["/MarkInfo"]),
        "MH-01-005": untagged_mark,
        "MH-02-001": role,
        "MH-13-004": lambda pdf: first(pdf, "/Figure").__delitem__("/Alt"),
        "MH-14-003": lambda pdf: heading(pdf, "/H2", "/H4"),
        "MH-15-003": lambda pdf: first(pdf, "/TH").__delitem__("/A"),
        "MH-28-004": lambda pdf: add_link(pdf, contents=False),
        "MH-28-008": lambda pdf: add_link(pdf, tabs=False),
        "MH-28-011": lambda pdf: add_link(pdf, tagged=False),
        "MH-28-009": lambda pdf: (add_link(pdf), pdf.pages[0].obj.__setattr__("Tabs", Name.R)),
        "MH-28-002": annotation("/Text"),
        "A-6.3.1": annotation("/Movie"),
        "MH-01-003": prepend([([Name.P, Dictionary(MCID=999)], "BDC"), ([Name.Artifact], "BMC"), ([0, 0, 1, 1], "re"), ([], "f"), ([], "EMC"), ([], "EMC")]),
        "MH-01-004": prepend([([Name.Artifact], "BMC"), ([Name.P, Dictionary(MCID=999)], "BDC"), ([0, 0, 1, 1], "re"), ([], "f"), ([], "EMC"), ([], "EMC")]),
        "A-6.1.13": prepend([([], "q")] * 29 + [([], "Q")] * 29),
        "MH-01-007": assign(["/MarkInfo", "/Suspects"], True),
        "MH-01-001": delete(["/StructTreeRoot"]),
        "MH-02-003": role_map({"/Loop1": "/Loop2", "/Loop2": "/Loop1"}),
        "MH-02-004": role_map({"/P": "/H1"}),
        "MH-07-002": assign(["/ViewerPreferences", "/DisplayDocTitle"], False),
        "MH-14-002": lambda pdf: heading(pdf, "/H1", "/H2"),
        "MH-17-002": formula,
        "MH-30-001": reference_xobject,
        "A-6.2.5": transfer,
        "A-6.2.4.3": cmyk,
        "A-6.1.3": "encrypt",
    }
    failures = 0
    with pikepdf.open(good) as pdf:
        baseline = Check(good).run()
    if baseline:
        print(f"control: the good PDF {good} has problems: {baseline}")
        return 1
    cases["A-6.6.3 "] = date  # the dates, beside the title above
    for ident, edit in cases.items():
        ident = ident.strip()
        out = folder / f"control-{ident}{'-date' if edit is date else ''}.pdf"
        if edit == "encrypt":
            encrypt(out)
        else:
            with pikepdf.open(good) as pdf:
                edit(pdf)
                pdf.save(out, fix_metadata_version=False)
        problems = Check(str(out)).run()
        if not any(p.startswith(ident + " ") or f"also {ident}" in p for p in problems):
            print(f"control {ident}: not refused for it (found {problems})")
            failures += 1
    print(f"archive.py: {len(cases) - failures} of {len(cases)} controls refused for their condition")
    return failures


if __name__ == "__main__":
    if sys.argv[1:2] == ["--controls"]:
        sys.exit(1 if controls(sys.argv[2], sys.argv[3]) else 0)
    sys.exit(1 if check(sys.argv[1:]) else 0)
