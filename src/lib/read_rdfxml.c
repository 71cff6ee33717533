// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// RDF/XML, read through libxml2's SAX2 push parser (RDF 1.1 XML Syntax).
//
// The document is fed to libxml2 in 64 KiB chunks and turned into triples
// as its elements start and end: no tree is ever built.  Each open element
// has a frame in one growable stack, which says what the element is (node,
// property, collection, XML literal...) and what its content may be.
//
// libxml2 checks XML; kgraph checks RDF: the grammar's names and attribute
// combinations, rdf:ID and rdf:nodeID values, IRIs, language tags.  The
// resolution of relative IRIs against xml:base is kgraph's own (iri.c).
//
// Hostile input: nothing is ever loaded from outside the document.  The
// parser runs without XML_PARSE_NOENT, XML_PARSE_DTDLOAD and without an
// external subset handler; entity references are replaced by the SAX
// handlers' own lookup, which hands libxml2 internal entities only, so that
// a reference to an external entity (file or URL) is an error rather than a
// read.  libxml2's own limits stop entity amplification (billion laughs);
// the depth of elements is bounded here, as the push parser of libxml2
// 2.9 does not bound it.  Names, texts and attribute values may be longer
// than libxml2's 10 MB (XML_PARSE_HUGE) unless the document has a DTD,
// which is where entities come from: libxml2's limits then hold, and
// passing one is an input error that says which.  No global state of
// libxml2 is changed, but for its error handlers of the thread during a
// parse (errors in decoding the input are raised outside the parser
// context).

#include "alloc.h"
#include "buffer.h"
#include "chars.h"
#include "formats.h"
#include "graph.h"
#include "hash.h"
#include "intern.h"
#include "iri.h"
#include "log.h"
#include "read_common.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>
#include <kgraph/text.h>

#include <libxml/SAX2.h>
#include <libxml/dict.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define RDF KG_RDF_NS

/// Bytes handed to libxml2 at a time.
#define CHUNK_SIZE 65536U

/// The deepest elements may nest.  Both this reader and libxml2's push
/// parser keep open elements in arrays (about 250 bytes a level), not on
/// the stack.  libxml2's tree parser stops at 256 without XML_PARSE_HUGE,
/// which refuses what rapper writes for a list of over 126 items (nested
/// rdf:rest nodes); rdflib has no limit.
#define MAX_DEPTH 100000U

/// Text and attribute values may be this many times longer than the
/// document (entity references expanded) once beyond AMPLIFICATION_FREE.
/// libxml2 2.9 bounds nested expansion (billion laughs) but not one large
/// entity referenced many times (quadratic blowup).
#define AMPLIFICATION_MAX 10U

/// Bytes of text and attribute values always allowed.
#define AMPLIFICATION_FREE 1000000U

/// Entries in the cache of IRIs of element and attribute names.
#define NAME_CACHE_SIZE 512U

/// rdf:_1 to rdf:_N are kept at hand for rdf:li.
#define N_MEMBERS 64U

/// A language index that stands for an invalid xml:lang (lax mode).
#define LANG_BAD UINT16_MAX

/// How far back a start tag and its line are looked for, in bytes.
#define MAX_TAG_SCAN 4096

/// What an open element is, and so what its content may be.
typedef enum {
  FRAME_SKIP,        ///< Skipped after an error (lax), content and all
  FRAME_RDF,         ///< rdf:RDF: node elements
  FRAME_NODE,        ///< Node element or parseType="Resource": properties
  FRAME_PROPERTY,    ///< Property element: text, or one node element
  FRAME_OBJECT,      ///< Property element that holds its node element
  FRAME_EMPTY,       ///< Property element that must be empty
  FRAME_COLLECTION,  ///< parseType="Collection": node elements
  FRAME_XML,         ///< parseType="Literal" (or unknown): XML
  FRAME_XML_ELEMENT, ///< An element inside an XML literal
} FrameKind;

/// An open element.
typedef struct {
  KgTermId subject;   ///< Node: the node; property: its statement's subject
  KgTermId predicate; ///< Property: the predicate
  KgTermId object;    ///< Object: the object; collection: last list node
  KgTermId reify;     ///< Property: the IRI of its rdf:ID, or 0
  KgTermId datatype;  ///< Property: its rdf:datatype, or 0
  uint32_t li;        ///< Node: the last rdf:li number given
  uint32_t base;      ///< Index of the base IRI in Reader.bases
  uint32_t ns_mark;   ///< XML literal: rendered namespaces before it
  KgOrigin origin;    ///< Where the start tag is
  uint16_t lang;      ///< Language tag index, 0 (none) or LANG_BAD
  uint8_t  kind;      ///< FrameKind
  bool     own_base;  ///< The element has an xml:base (popped at its end)
  bool     node;      ///< A node element (lax: dropped whole on an error)
  size_t   mark;      ///< Node: triples pending before it (lax)
} Frame;

/// A triple read in lax mode, kept until its node element proves good.
typedef struct {
  KgTermId s;
  KgTermId p;
  KgTermId o;
  KgOrigin origin;
} Pending;

/// A base IRI in Reader.base_text.
typedef struct {
  size_t offset;
  size_t len;
} BaseRef;

/// A namespace declaration rendered in an XML literal.
typedef struct {
  const xmlChar* prefix; ///< NULL for the default namespace
  const xmlChar* uri;    ///< "" for no namespace
} Rendered;

/// A cached IRI of an element or attribute name, by libxml2's dictionary
/// strings (equal names are the same pointers during a parse).
typedef struct {
  const xmlChar* uri;
  const xmlChar* local;
  KgTermId       id;
} NameSlot;

/// The names of the RDF namespace that the grammar treats apart.
typedef enum {
  RDF_OTHER,
  RDF_RDF,
  RDF_ID,
  RDF_ABOUT,
  RDF_PARSE_TYPE,
  RDF_RESOURCE,
  RDF_NODE_ID,
  RDF_DATATYPE,
  RDF_DESCRIPTION,
  RDF_LI,
  RDF_ABOUT_EACH,
  RDF_ABOUT_EACH_PREFIX,
  RDF_BAG_ID,
  RDF_TYPE,
  N_RDF_NAMES,
} RdfName;

static const char* const rdf_names[N_RDF_NAMES] = {
  "",
  "RDF",
  "ID",
  "about",
  "parseType",
  "resource",
  "nodeID",
  "datatype",
  "Description",
  "li",
  "aboutEach",
  "aboutEachPrefix",
  "bagID",
  "type",
};

/// The other names of the RDF vocabulary (RDF 1.1 and 1.2), which are used
/// without a warning.
static const char* const rdf_vocabulary[] = {
  "Alt",          "Bag",        "CompoundLiteral",
  "HTML",         "JSON",       "List",
  "PlainLiteral", "Property",   "Seq",
  "Statement",    "XMLLiteral", "dirLangString",
  "direction",    "first",      "langString",
  "language",     "nil",        "object",
  "predicate",    "reifies",    "rest",
  "subject",      "type",       "value",
};

/// Terms of the RDF vocabulary that the reader makes triples with.
typedef enum {
  V_TYPE,
  V_FIRST,
  V_REST,
  V_NIL,
  V_SUBJECT,
  V_PREDICATE,
  V_OBJECT,
  V_STATEMENT,
  V_XML_LITERAL,
  N_VOCAB,
} Vocab;

static const char* const vocab_iris[N_VOCAB] = {
  RDF "type",
  RDF "first",
  RDF "rest",
  RDF "nil",
  RDF "subject",
  RDF "predicate",
  RDF "object",
  RDF "Statement",
  RDF "XMLLiteral",
};

/// The syntax attributes of an element, and how many property attributes.
typedef enum {
  A_ABOUT,
  A_ID,
  A_NODE_ID,
  A_RESOURCE,
  A_DATATYPE,
  A_PARSE_TYPE,
  N_SYNTAX_ATTRS,
} SyntaxAttr;

static const char* const syntax_attr_names[N_SYNTAX_ATTRS] = {
  "rdf:about",
  "rdf:ID",
  "rdf:nodeID",
  "rdf:resource",
  "rdf:datatype",
  "rdf:parseType",
};

/// What an attribute is.
typedef enum {
  ATTR_IGNORED,  ///< Reserved for XML (xml:space, xmlfoo...)
  ATTR_LANG,     ///< xml:lang
  ATTR_BASE,     ///< xml:base
  ATTR_SYNTAX,   ///< One of SyntaxAttr
  ATTR_PROPERTY, ///< A property attribute (rdf:type included)
  ATTR_BAD,      ///< Not allowed anywhere (reported)
} AttrKind;

typedef struct {
  KgStringView value[N_SYNTAX_ATTRS];
  unsigned     has; ///< Bits (1 << SyntaxAttr)
  KgStringView lang;
  KgStringView base;
  bool         has_lang;
  bool         has_base;
  unsigned     n_props;
} Attrs;

/**
   An element as it starts: its name and attributes, as libxml2's SAX2
   handler gives them, then what open_element() reads from them.
*/
typedef struct {
  const xmlChar*        local;   ///< Local name
  const xmlChar*        prefix;  ///< Prefix, or NULL
  const xmlChar*        uri;     ///< Namespace IRI, or NULL
  const xmlChar* const* attrs;   ///< (local, prefix, uri, value, end) each
  int                   n_attrs; ///< Attributes in `attrs`
  Attrs                 a;       ///< Syntax attributes (scan_attrs())
  RdfName               name;    ///< RDF name of a node or property element
} Element;

typedef struct {
  KgReadCore       core; ///< Graph, options, lax, messages, IRI cache
  KgInput*         input;
  xmlParserCtxtPtr ctxt;
  bool             stopped;     ///< Nothing more is done
  bool             seen_root;   ///< The root element has started
  bool             outside;     ///< In an error raised outside the parser
  const char*      detected;    ///< Encoding the first bytes show, or NULL
  KgStatus         status;      ///< First error (KG_SUCCESS in lax mode)
  uint32_t         gen_scope;   ///< Scope of generated nodes, or 0
  uint32_t         n_generated; ///< Generated blank nodes
  KgCaret          here;        ///< Where the current event is
  uint64_t         bytes_in;    ///< Bytes of the document read so far
  uint64_t         bytes_out;   ///< Bytes of text and attribute values

  Frame* frames; ///< Open elements
  size_t n_frames;
  size_t frames_cap;
  size_t dropped; ///< Lax: index of the node element dropped, or SIZE_MAX

  Pending* pending; ///< Lax: triples of the open top-level node element
  size_t   n_pending;
  size_t   pending_cap;
  BaseRef* bases; ///< Base IRIs in force; bases[0] is the document's
  size_t   n_bases;
  size_t   bases_cap;
  KgBuffer base_text; ///< Their text

  KgBuffer  text;     ///< Text of the current property element
  KgBuffer  xml;      ///< The XML literal being written
  Rendered* rendered; ///< Namespaces rendered in the XML literal
  size_t    n_rendered;
  size_t    rendered_cap;
  size_t*   order; ///< Scratch: sorting attributes and namespaces
  size_t    order_cap;

  KgBuffer iri;  ///< Scratch: resolved IRIs
  KgBuffer name; ///< Scratch: IRIs of names, "#id"

  KgTable ids;   ///< rdf:ID IRIs seen
  size_t  n_ids; ///< Values in `ids`

  // Dictionary strings of libxml2, compared by pointer
  const xmlChar* rdf_ns;
  const xmlChar* xml_ns;
  const xmlChar* rdf_local[N_RDF_NAMES];
  const xmlChar* xml_lang;
  const xmlChar* xml_base;

  KgTermId vocab[N_VOCAB];
  KgTermId members[N_MEMBERS + 1U]; ///< rdf:_N
  KgBuffer last_lang_text;          ///< The last xml:lang value
  uint16_t last_lang;               ///< Its index
  bool     has_last_lang;
  NameSlot names[NAME_CACHE_SIZE];
} Reader;

/*
  Positions and diagnostics
*/

/// Return where the current event of libxml2 is.
static KgCaret
parser_caret(const Reader* const r)
{
  const xmlParserInputPtr in    = r->ctxt ? r->ctxt->input : NULL;
  const KgCaret           caret = {r->input->name,
                         in && in->line > 0 ? (unsigned)in->line : 1U,
                         in && in->col > 0 ? (unsigned)in->col : 1U};
  return caret;
}

/// Return the last byte `c` in [`from`, `to`), or NULL (C has no memrchr).
static const xmlChar*
last_byte(const xmlChar* const from, const xmlChar* to, const xmlChar c)
{
  // Eight bytes at a time, while none of them is `c`
  const uint64_t ones    = 0x0101010101010101ULL;
  const uint64_t pattern = ones * c;
  while (to - from >= 8) {
    uint64_t word = 0U;
    memcpy(&word, to - 8, sizeof(word));
    const uint64_t x = word ^ pattern;
    if ((x - ones) & ~x & (ones << 7U)) {
      break;
    }
    to -= 8;
  }

  while (to > from) {
    if (*--to == c) {
      return to;
    }
  }
  return NULL;
}

/**
   Return where the start tag that libxml2 has just read begins (at its
   '<'), in bytes; or where the parser is if that cannot be told (in the
   replacement text of an entity).
*/
static KgCaret
tag_caret(const Reader* const r)
{
  KgCaret                 caret = parser_caret(r);
  const xmlParserInputPtr in    = r->ctxt->input;
  const xmlChar* const    base  = in->base;
  const xmlChar* const    cur   = in->cur;
  if (!base || !cur || cur <= base || cur >= in->end ||
      !(*cur == '>' || (*cur == '/' && cur + 1 < in->end && cur[1] == '>'))) {
    return caret;
  }

  // No '<' can be in a start tag after its first byte
  const xmlChar* limit = cur - base > MAX_TAG_SCAN ? cur - MAX_TAG_SCAN : base;
  const xmlChar* lt    = last_byte(limit, cur, '<');
  if (!lt) {
    return caret;
  }

  unsigned n_nl = 0U;
  for (const xmlChar* p = lt + 1;
       (p = (const xmlChar*)memchr(p, '\n', (size_t)(cur - p)));
       ++p) {
    ++n_nl;
  }
  if (n_nl >= caret.line) {
    return caret;
  }

  // The column in bytes, from the line's start if it is at hand
  limit                   = lt - base > MAX_TAG_SCAN ? lt - MAX_TAG_SCAN : base;
  const xmlChar* const nl = last_byte(limit, lt, '\n');
  if (nl) {
    caret.column = (unsigned)(lt - nl);
  } else if (limit == base && !in->consumed && n_nl + 1U == caret.line) {
    caret.column = (unsigned)(lt - base) + 1U; // The document's first line
  } else if (!n_nl && caret.column > (unsigned)(cur - lt)) {
    caret.column -= (unsigned)(cur - lt); // libxml2's count, characters
  } else {
    caret.column = 1U;
  }
  caret.line -= n_nl;
  return caret;
}

static KgOrigin
origin_of(const Reader* const r, const KgCaret caret)
{
  const KgOrigin o = {
    caret.line,
    (uint16_t)(caret.column > UINT16_MAX ? UINT16_MAX : caret.column),
    r->core.doc};
  return o;
}

/// Stop reading with status `st`.
static void
stop(Reader* const r, const KgStatus st)
{
  if (!r->status) {
    r->status = st;
  }
  r->stopped = true;
  if (r->ctxt && !r->outside) {
    xmlStopParser(r->ctxt);
  }
}

static void
commit(Reader* r);

static void
insert(Reader* r, KgTermId s, KgTermId p, KgTermId o, KgOrigin origin);

/**
   Drop the node element that the current event is in (lax mode): the
   triples it gave so far, the statement that links it to its parent, and
   everything in it to its end tag.  A member of a collection takes the
   node element around the collection with it (the list would break).
*/
static void
drop_node(Reader* const r)
{
  size_t i = r->n_frames;
  while (i && !(r->frames[i - 1U].node &&
                (i == 1U || r->frames[i - 2U].kind != FRAME_COLLECTION))) {
    --i;
  }
  if (!i || r->dropped < r->n_frames) {
    return; // Not in a node element, or in one dropped already
  }

  const size_t n = i - 1U;
  if (r->frames[n].mark < r->n_pending) {
    r->n_pending = r->frames[n].mark;
  }
  for (size_t j = n; j < r->n_frames; ++j) {
    r->frames[j].kind = FRAME_SKIP;
  }
  r->dropped = n;
}

static KgCaret
hook_caret(const void* const handle)
{
  return ((const Reader*)handle)->here;
}

static bool
reader_silent(const void* const handle)
{
  const Reader* const r = (const Reader*)handle;
  // The rest of a dropped node element goes without a word
  return r->core.lax && r->dropped < r->n_frames;
}

/// After an error: stop reading unless in lax mode, else drop the node.
static void
reader_recover(void* const handle, const KgStatus st)
{
  Reader* const r = (Reader*)handle;
  if (!r->core.lax) {
    stop(r, st);
  } else {
    drop_node(r);
  }
}

static void
reader_stop(void* const handle, const KgStatus st)
{
  stop((Reader*)handle, st);
}

static const KgReadHooks hooks = {hook_caret,
                                  reader_silent,
                                  reader_recover,
                                  reader_stop};

/// Report a warning at r->here.
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
reader_warning(Reader* const r, const char* const fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  kg_vlog(&r->core.options->log, KG_LOG_WARNING, r->here, fmt, args);
  va_end(args);
}

/// Stop for lack of memory.
static void
out_of_memory(Reader* const r)
{
  stop(r, KG_BAD_ALLOC);
}

static KgStringView
xml_view(const xmlChar* const s)
{
  return kg_sv((const char*)s);
}

/// Return the view of an attribute's value, from SAX2's attribute array.
static KgStringView
attr_value(const xmlChar* const* const attr)
{
  const KgStringView v = {(const char*)attr[3], (size_t)(attr[4] - attr[3])};
  return v;
}

/// Write `prefix:local` (or `local`) of a name for messages (in core.msg).
static const char*
qname(Reader* const r, const xmlChar* const prefix, const xmlChar* const local)
{
  kg_buffer_clear(&r->core.msg);
  const KgStatus st =
    prefix ? kg_buffer_printf(
               &r->core.msg, "%s:%s", (const char*)prefix, (const char*)local)
           : kg_buffer_append_str(&r->core.msg, (const char*)local);
  return (st || !r->core.msg.data) ? "?" : r->core.msg.data;
}

/*
  libxml2's messages
*/

/// Return true iff libxml2's `error` says the document passes one of the
/// limits libxml2 has without XML_PARSE_HUGE (it raises most of them as
/// internal errors: only the words tell).
static bool
is_limit(const xmlError* const error)
{
  static const char* const words[] = {
    "too long", "too big", "too deep", "huge", "Huge input", "Excessive depth"};

  for (size_t i = 0U; error->code != XML_ERR_NO_MEMORY && error->message &&
                      i < sizeof(words) / sizeof(*words);
       ++i) {
    if (strstr(error->message, words[i])) {
      return true;
    }
  }
  return false;
}

static KgStatus
error_status(const int code)
{
  switch (code) {
  case XML_ERR_INVALID_CHAR:
  case XML_ERR_INVALID_ENCODING:
  case XML_ERR_UNKNOWN_ENCODING:
  case XML_ERR_UNSUPPORTED_ENCODING:
  case XML_I18N_CONV_FAILED:
    return KG_BAD_TEXT;
  case XML_ERR_NO_MEMORY:
    return KG_BAD_ALLOC;
  default:
    return KG_BAD_SYNTAX;
  }
}

/// Return the name of the encoding libxml2 decodes the document from.
static const char*
encoding_name(const Reader* const r)
{
  const xmlParserCtxtPtr ctxt = r->ctxt;
  if (ctxt && ctxt->input && ctxt->input->buf && ctxt->input->buf->encoder &&
      ctxt->input->buf->encoder->name) {
    return ctxt->input->buf->encoder->name;
  }
  return (ctxt && ctxt->encoding) ? (const char*)ctxt->encoding
         : r->detected            ? r->detected
                                  : "its declared encoding";
}

/// Append libxml2's `message` on one line, trimmed, starting in lower case.
static void
append_message(KgBuffer* const buf, const char* const message)
{
  const char* m = message ? message : "malformed XML";
  while (*m == ' ' || *m == '\n') {
    ++m;
  }

  size_t len = strlen(m);
  while (len && (m[len - 1U] == '\n' || m[len - 1U] == ' ')) {
    --len;
  }

  for (size_t i = 0U; i < len && !buf->status; ++i) {
    char c = m[i];
    if (!i && c >= 'A' && c <= 'Z' && len > 1U && m[1] >= 'a' && m[1] <= 'z') {
      c = (char)(c - 'A' + 'a');
    } else if (c == '\n') {
      c = ' ';
    }
    kg_buffer_append_char(buf, c);
  }
}

/// Append libxml2's message for the limit `error`, and which limit it is.
static void
append_limit(KgBuffer* const buf, const xmlError* const error)
{
  static const char internal[] = "internal error: ";
  const char*       message    = error->message;
  if (!strncmp(message, internal, sizeof(internal) - 1U)) {
    message += sizeof(internal) - 1U;
  }

  append_message(buf, message);
  kg_buffer_printf(buf,
                   " (libxml2 limits a name, a tag, a text or an attribute "
                   "value to %d bytes in a document with a DTD)",
                   XML_MAX_TEXT_LENGTH);
}

static void
on_xml_error(void* const user, xmlErrorPtr const error)
{
  Reader* const r = (Reader*)user;
  if (!error || r->stopped || error->code == XML_ERR_USER_STOP) {
    return; // Only the first error matters: the rest follow from it
  }

  // libxml2 checks namespace names as URIs (ASCII only), which refuses
  // IRIs such as http://example.org/中文/.  The IRIs made of them are
  // checked here as IRIs when they are used, as any other.
  if (error->domain == XML_FROM_NAMESPACE &&
      (error->code == XML_WAR_NS_URI ||
       error->code == XML_WAR_NS_URI_RELATIVE)) {
    return;
  }

  // An error in the replacement text of an entity (parsed by a context of
  // its own) is shown where the entity is referenced
  const KgCaret here  = parser_caret(r);
  const bool    inner = error->ctxt && error->ctxt != (void*)r->ctxt;
  const KgCaret caret = {
    r->input->name,
    (!inner && error->line > 0) ? (unsigned)error->line : here.line,
    (!inner && error->int2 > 0) ? (unsigned)error->int2 : here.column};

  KgBuffer buf = KG_BUFFER_INIT;
  switch (error->code) {
  case XML_I18N_CONV_FAILED:
    // Raised while decoding the input, outside the parser (no context)
    kg_buffer_printf(&buf, "the document is not valid %s: ", encoding_name(r));
    append_message(&buf, error->message);
    break;
  case XML_ERR_ENTITY_LOOP:
    kg_buffer_append_str(
      &buf,
      "entity references expand too much or loop (libxml2 stops entity "
      "amplification such as 'billion laughs')");
    break;
  case XML_ERR_DOCUMENT_END:
    // What the push parser says when the input ends inside an element
    if (r->ctxt->nameNr > 0 && r->ctxt->name) {
      kg_buffer_printf(&buf,
                       "the document ends inside element '%s' (truncated?)",
                       (const char*)r->ctxt->name);
    } else if (!r->seen_root) {
      kg_buffer_append_str(&buf, "the document has no root element");
    } else {
      append_message(&buf, error->message);
    }
    break;
  default:
    if (is_limit(error)) {
      // Only a document with a DTD has these limits (on_internal_subset())
      append_limit(&buf, error);
    } else if (error->code == XML_ERR_INVALID_CHAR && error->message &&
               !strncmp(error->message, "Input is not proper UTF-8", 25U) &&
               error->str1 && !strncmp(error->str1, "Bytes: ", 7U)) {
      kg_buffer_append_str(&buf,
                           "invalid UTF-8 (and no other encoding "
                           "declared): bytes ");
      append_message(&buf, error->str1 + 7);
    } else {
      append_message(&buf, error->message);
    }
    if (error->code == XML_ERR_DOCUMENT_EMPTY) {
      kg_buffer_append_str(&buf, " (no RDF/XML)");
    }
    break;
  }
  const KgStatus st = buf.status;

  const bool warning = error->level == XML_ERR_WARNING;
  const bool error_only =
    !warning && error->level == XML_ERR_ERROR && r->core.lax; // Recoverable
  // In lax mode, say why this error is not skipped as the others are
  const bool fatal = !warning && !error_only && r->core.lax && !st &&
                     !is_limit(error) && error->domain == XML_FROM_PARSER &&
                     error->code != XML_ERR_DOCUMENT_EMPTY;
  kg_log(&r->core.options->log,
         (warning || error_only) ? KG_LOG_WARNING : KG_LOG_ERROR,
         caret,
         "%s%s",
         st        ? "out of memory"
         : buf.len ? buf.data
                   : "malformed XML",
         fatal ? " (malformed XML: nothing after it can be read)" : "");
  kg_buffer_fini(&buf);

  if (st) {
    out_of_memory(r);
  } else if (!warning && !error_only) {
    ++r->core.n_errors;
    stop(r, is_limit(error) ? KG_BAD_LIMIT : error_status(error->code));
  } else if (error_only) {
    ++r->core.n_errors;
    drop_node(r);
  }
}

/*
  Entities: internal ones only
*/

static void
on_internal_subset(void* const          user,
                   const xmlChar* const name,
                   const xmlChar* const external_id,
                   const xmlChar* const system_id)
{
  Reader* const r = (Reader*)user;
  if (r->stopped) {
    return;
  }

  // Entities come with a DTD: libxml2's limits on entity expansion and on
  // the length of texts apply from here on, as they hold only without
  // XML_PARSE_HUGE
  r->ctxt->options &= ~XML_PARSE_HUGE;
  xmlDictSetLimit(r->ctxt->dict, XML_MAX_DICTIONARY_LIMIT);

  // The document that holds the internal subset, where entities are
  // declared.  The external subset is never read: there is no handler.
  if (!r->ctxt->myDoc) {
    xmlSAX2StartDocument(r->ctxt);
  }
  if (!r->ctxt->myDoc) {
    out_of_memory(r);
    return;
  }
  xmlSAX2InternalSubset(r->ctxt, name, external_id, system_id);
  if (system_id) {
    r->here = parser_caret(r);
    reader_warning(
      r, "the external DTD '%s' is not read", (const char*)system_id);
  }
}

static void
on_entity_decl(void* const          user,
               const xmlChar* const name,
               const int            type,
               const xmlChar* const public_id,
               const xmlChar* const system_id,
               xmlChar* const       content)
{
  Reader* const r = (Reader*)user;
  if (!r->stopped && r->ctxt->myDoc) {
    xmlSAX2EntityDecl(r->ctxt, name, type, public_id, system_id, content);
  }
}

/// Refuse the external entity `ent`: an error, never a read.
static void
refuse_external(Reader* const r, const xmlEntityPtr ent, const bool parameter)
{
  if (r->stopped) {
    return;
  }

  const char* const system = ent->SystemID ? (const char*)ent->SystemID : "";
  r->here                  = parser_caret(r);
  ++r->core.n_errors;
  kg_log(&r->core.options->log,
         KG_LOG_ERROR,
         r->here,
         "%sentity '%s' is external ('%s'), and kgraph reads no external "
         "entities",
         parameter ? "parameter " : "",
         (const char*)ent->name,
         system);
  stop(r, KG_BAD_SYNTAX);
}

static xmlEntityPtr
on_get_entity(void* const user, const xmlChar* const name)
{
  Reader* const      r   = (Reader*)user;
  const xmlEntityPtr pre = xmlGetPredefinedEntity(name);
  if (pre) {
    return pre;
  }

  const xmlDocPtr    doc = r->ctxt->myDoc;
  const xmlEntityPtr ent = doc ? xmlGetDocEntity(doc, name) : NULL;
  if (ent && ent->etype != XML_INTERNAL_GENERAL_ENTITY &&
      ent->etype != XML_INTERNAL_PREDEFINED_ENTITY) {
    refuse_external(r, ent, false);
    return NULL;
  }
  return ent;
}

static xmlEntityPtr
on_get_parameter_entity(void* const user, const xmlChar* const name)
{
  Reader* const      r   = (Reader*)user;
  const xmlDocPtr    doc = r->ctxt->myDoc;
  const xmlEntityPtr ent = doc ? xmlGetParameterEntity(doc, name) : NULL;
  if (ent && ent->etype != XML_INTERNAL_PARAMETER_ENTITY) {
    refuse_external(r, ent, true);
    return NULL;
  }
  return ent;
}

/*
  The frame stack and base IRIs
*/

static Frame*
top(Reader* const r)
{
  return r->n_frames ? &r->frames[r->n_frames - 1U] : NULL;
}

/// Push a frame that inherits the language and base of its parent.
static Frame*
push_frame(Reader* const r, const FrameKind kind)
{
  if (r->n_frames == r->frames_cap) {
    const size_t cap = r->frames_cap ? r->frames_cap * 2U : 32U;
    Frame* const frames =
      (Frame*)kg_reallocarray(r->frames, cap, sizeof(Frame));
    if (!frames) {
      out_of_memory(r);
      return NULL;
    }
    r->frames     = frames;
    r->frames_cap = cap;
  }

  Frame* const f = &r->frames[r->n_frames];
  memset(f, 0, sizeof(*f));
  if (r->n_frames) {
    f->lang = f[-1].lang;
    f->base = f[-1].base;
  }
  f->kind   = (uint8_t)kind;
  f->origin = origin_of(r, r->here);
  ++r->n_frames;
  return f;
}

static KgStringView
base_view(const Reader* const r, const uint32_t index)
{
  const BaseRef      ref = r->bases[index];
  const KgStringView v   = {
      r->base_text.data ? r->base_text.data + ref.offset : "", ref.len};
  return v;
}

/// Push `iri` as a base IRI and return its index, or UINT32_MAX.
static uint32_t
push_base(Reader* const r, const KgStringView iri)
{
  if (r->n_bases == r->bases_cap) {
    const size_t   cap = r->bases_cap ? r->bases_cap * 2U : 8U;
    BaseRef* const bases =
      (BaseRef*)kg_reallocarray(r->bases, cap, sizeof(BaseRef));
    if (!bases) {
      return UINT32_MAX;
    }
    r->bases     = bases;
    r->bases_cap = cap;
  }

  const BaseRef ref = {r->base_text.len, iri.len};
  if (r->n_bases >= UINT32_MAX || kg_buffer_append_sv(&r->base_text, iri)) {
    return UINT32_MAX;
  }
  r->bases[r->n_bases] = ref;
  return (uint32_t)r->n_bases++;
}

static void
pop_frame(Reader* const r)
{
  const Frame* const f = top(r);
  if (f->own_base) {
    --r->n_bases;
    r->base_text.len = r->bases[r->n_bases].offset;
    if (r->base_text.data) {
      r->base_text.data[r->base_text.len] = '\0';
    }
  }
  --r->n_frames;
  if (r->dropped == r->n_frames) {
    r->dropped = SIZE_MAX;
  }
  if (r->n_frames <= 1U) {
    commit(r); // A top-level node element ends
  }
}

/*
  Names and values
*/

/// Return true iff `s` starts with "xml" in any case.
static bool
starts_with_xml(const xmlChar* const s)
{
  return s && (s[0] | 0x20) == 'x' && (s[1] | 0x20) == 'm' &&
         (s[2] | 0x20) == 'l';
}

static RdfName
rdf_name(const Reader* const r, const xmlChar* const uri, const xmlChar* local)
{
  if (uri != r->rdf_ns) {
    return RDF_OTHER;
  }
  for (unsigned i = 1U; i < N_RDF_NAMES; ++i) {
    if (local == r->rdf_local[i]) {
      return (RdfName)i;
    }
  }
  return RDF_OTHER;
}

/// Return true iff `s` is an XML NCName (a Name without colons).
static bool
is_ncname(const KgStringView s)
{
  size_t i = 0U;
  while (i < s.len) {
    const bool     first = !i;
    const uint32_t c     = kg_utf8_next(s, &i);
    if (!(kg_is_name_letter(c) || c == '_' ||
          (!first && kg_is_name_continuation(c)))) {
      return false;
    }
  }
  return s.len > 0U;
}

/// Return true iff `s` is XML white space only.
static bool
is_blank(const char* const s, const size_t len)
{
  for (size_t i = 0U; i < len; ++i) {
    const char c = s[i];
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
      return false;
    }
  }
  return true;
}

static KgTermId
vocab(Reader* const r, const Vocab v)
{
  if (!r->vocab[v]) {
    r->vocab[v] = kg_graph_iri(r->core.graph, kg_sv(vocab_iris[v]));
    if (!r->vocab[v]) {
      out_of_memory(r);
    }
  }
  return r->vocab[v];
}

/// Resolve `ref` against the base of frame `f` into r->iri.
static KgStatus
resolve(Reader* const r, const Frame* const f, const KgStringView ref)
{
  kg_buffer_clear(&r->iri);
  const KgStatus st =
    kg_read_resolve(&r->core, &r->iri, base_view(r, f ? f->base : 0U), ref);
  if (st == KG_BAD_ALLOC) {
    out_of_memory(r);
  }
  return st;
}

/// Return the IRI of the URI reference `ref`, resolved against `f`'s base.
static KgTermId
value_iri(Reader* const r, const Frame* const f, const KgStringView ref)
{
  if (kg_iri_is_absolute(ref)) {
    return kg_read_cached_iri(&r->core, ref); // IRIs are never normalised
  }

  bool added = false;
  return resolve(r, f, ref)
           ? KG_NO_TERM
           : kg_read_intern_iri(&r->core, kg_buffer_view(&r->iri), &added);
}

/// Return true iff `value` of attribute `attr` is an NCName, else report it.
static bool
check_ncname(Reader* const r, const char* const attr, const KgStringView value)
{
  if (!is_ncname(value)) {
    kg_read_error(&r->core,
                  KG_BAD_SYNTAX,
                  "%s '%s' is not an XML NCName",
                  attr,
                  kg_read_quoted(&r->core, value));
    return false;
  }
  return true;
}

/// Return the IRI of rdf:ID `id` of `f`, checking it and that it is new.
static KgTermId
id_iri(Reader* const r, const Frame* const f, const KgStringView id)
{
  if (!check_ncname(r, "rdf:ID", id)) {
    return KG_NO_TERM;
  }

  kg_buffer_clear(&r->name);
  if (kg_buffer_append_char(&r->name, '#') ||
      kg_buffer_append_sv(&r->name, id)) {
    out_of_memory(r);
    return KG_NO_TERM;
  }

  bool           added = false;
  const KgTermId iri =
    resolve(r, f, kg_buffer_view(&r->name))
      ? KG_NO_TERM
      : kg_read_intern_iri(&r->core, kg_buffer_view(&r->iri), &added);
  if (!iri) {
    return KG_NO_TERM;
  }

  // The IRIs of rdf:ID must be unique in the document
  if ((!r->ids.slots && kg_table_init(&r->ids, 64U)) ||
      kg_table_reserve(&r->ids, r->n_ids + 1U)) {
    out_of_memory(r);
    return KG_NO_TERM;
  }

  const uint32_t h = (uint32_t)kg_hash_u64(iri);
  const size_t   i = kg_table_find(&r->ids, h, kg_table_is_value, &iri);
  if (r->ids.slots[i]) {
    kg_read_error(&r->core,
                  KG_BAD_SYNTAX,
                  "rdf:ID '%s' is used twice with the same base IRI "
                  "(it names <%s> again)",
                  kg_read_quoted(&r->core, id),
                  kg_terms_get(&r->core.graph->terms, iri)->str);
    return KG_NO_TERM;
  }
  kg_table_set(&r->ids, i, h, iri);
  ++r->n_ids;
  return iri;
}

/// Return the blank node of rdf:nodeID `label`, checking it.
static KgTermId
node_id_blank(Reader* const r, const KgStringView label)
{
  if (!check_ncname(r, "rdf:nodeID", label)) {
    return KG_NO_TERM;
  }

  const KgTermId id = kg_graph_blank(r->core.graph, label, r->core.scope);
  if (!id) {
    out_of_memory(r);
  }
  return id;
}

/// Return a new blank node, which no rdf:nodeID can name.
static KgTermId
generated_blank(Reader* const r)
{
  if (!r->gen_scope) {
    r->gen_scope = kg_graph_new_scope(r->core.graph);
  }

  char         label[16] = "genid";
  char         digits[10];
  size_t       n = 0U;
  uint32_t     v = ++r->n_generated;
  const size_t k = 5U;
  do {
    digits[n++] = (char)('0' + v % 10U);
    v /= 10U;
  } while (v);
  for (size_t i = 0U; i < n; ++i) {
    label[k + i] = digits[n - 1U - i];
  }

  const KgStringView view = {label, k + n};
  const KgTermId     id   = kg_graph_blank(r->core.graph, view, r->gen_scope);
  if (!id) {
    out_of_memory(r);
    return KG_NO_TERM;
  }
  r->core.graph->terms.terms[id].flags |= KG_TERM_GENERATED;
  return id;
}

/// Warn about `rdf:local`, a name outside the RDF vocabulary.
static void
check_rdf_vocabulary(Reader* const r, const xmlChar* const local)
{
  const char* const name = (const char*)local;
  if (name[0] == '_' && name[1] >= '1' && name[1] <= '9') {
    size_t i = 2U;
    while (name[i] >= '0' && name[i] <= '9') {
      ++i;
    }
    if (!name[i]) {
      return; // rdf:_N
    }
  }

  for (size_t i = 0U; i < sizeof(rdf_vocabulary) / sizeof(rdf_vocabulary[0]);
       ++i) {
    if (!strcmp(name, rdf_vocabulary[i])) {
      return;
    }
  }
  reader_warning(r, "'rdf:%s' is not a name of the RDF vocabulary", name);
}

/// Return the IRI of the element or attribute name `uri` `local`.
static KgTermId
name_iri(Reader* const r, const xmlChar* const uri, const xmlChar* const local)
{
  const size_t key =
    (size_t)(((uintptr_t)uri >> 3U) * 0x9E3779B1U + ((uintptr_t)local >> 3U)) &
    (NAME_CACHE_SIZE - 1U);
  NameSlot* const slot = &r->names[key];
  if (slot->id && slot->uri == uri && slot->local == local) {
    return slot->id;
  }

  kg_buffer_clear(&r->name);
  if (kg_buffer_append_str(&r->name, (const char*)uri) ||
      kg_buffer_append_str(&r->name, (const char*)local)) {
    out_of_memory(r);
    return KG_NO_TERM;
  }

  bool           added = false;
  const KgTermId id =
    kg_read_intern_iri(&r->core, kg_buffer_view(&r->name), &added);
  if (id) {
    if (added && uri == r->rdf_ns) {
      check_rdf_vocabulary(r, local);
    }
    slot->uri   = uri;
    slot->local = local;
    slot->id    = id;
  }
  return id;
}

/// Return rdf:_`n`.
static KgTermId
member_iri(Reader* const r, const uint32_t n)
{
  if (n <= N_MEMBERS && r->members[n]) {
    return r->members[n];
  }

  kg_buffer_clear(&r->name);
  if (kg_buffer_printf(&r->name, RDF "_%u", n)) {
    out_of_memory(r);
    return KG_NO_TERM;
  }

  const KgTermId id = kg_graph_iri(r->core.graph, kg_buffer_view(&r->name));
  if (!id) {
    out_of_memory(r);
  } else if (n <= N_MEMBERS) {
    r->members[n] = id;
  }
  return id;
}

/// Return the index of language tag `tag` (checked), 0 for "".
static uint16_t
lang_index(Reader* const r, const KgStringView tag)
{
  if (!tag.len) {
    return 0U;
  }

  if (r->has_last_lang &&
      kg_sv_equals(tag, kg_buffer_view(&r->last_lang_text))) {
    return r->last_lang;
  }

  uint16_t index = 0U;
  if (kg_read_lang(&r->core, tag, &index)) {
    return LANG_BAD;
  }

  kg_buffer_clear(&r->last_lang_text);
  r->has_last_lang = !kg_buffer_append_sv(&r->last_lang_text, tag);
  r->last_lang     = index;
  return index;
}

/**
   Return the literal `text` with `datatype` (0: none) or language `lang`.
*/
static KgTermId
literal(Reader* const      r,
        const KgStringView text,
        KgTermId           datatype,
        uint16_t           lang)
{
  if (!datatype && lang == LANG_BAD) {
    return KG_NO_TERM; // Reported at the xml:lang
  }
  // rdf:datatype wins over xml:lang
  return kg_read_literal(&r->core, text, datatype, datatype ? 0U : lang);
}

/*
  Triples
*/

static void
add(Reader* const  r,
    const KgTermId s,
    const KgTermId p,
    const KgTermId o,
    const KgOrigin origin)
{
  if (!s || !p || !o || r->stopped) {
    return; // A term was refused (and reported): skip the statement
  }

  if (r->core.lax && r->n_frames) {
    // Kept aside until the top-level node element ends (commit())
    if (r->n_pending == r->pending_cap) {
      const size_t   cap = r->pending_cap ? r->pending_cap * 2U : 64U;
      Pending* const pending =
        (Pending*)kg_reallocarray(r->pending, cap, sizeof(Pending));
      if (!pending) {
        out_of_memory(r);
        return;
      }
      r->pending     = pending;
      r->pending_cap = cap;
    }
    const Pending t            = {s, p, o, origin};
    r->pending[r->n_pending++] = t;
    return;
  }

  insert(r, s, p, o, origin);
}

/// Add the triples kept aside (lax mode) to the graph.
static void
commit(Reader* const r)
{
  for (size_t i = 0U; i < r->n_pending && !r->stopped; ++i) {
    const Pending* const t = &r->pending[i];
    insert(r, t->s, t->p, t->o, t->origin);
  }
  r->n_pending = 0U;
}

/// Add (s, p, o) to the graph.
static void
insert(Reader* const  r,
       const KgTermId s,
       const KgTermId p,
       const KgTermId o,
       const KgOrigin origin)
{
  kg_read_added(&r->core,
                kg_graph_add_quad(r->core.graph, s, p, o, KG_NO_TERM, origin));
}

/// Add (s, p, o), and its reification if `reify` is not 0.
static void
add_statement(Reader* const  r,
              const KgTermId s,
              const KgTermId p,
              const KgTermId o,
              const KgTermId reify,
              const KgOrigin origin)
{
  add(r, s, p, o, origin);
  if (reify && s && p && o) {
    add(r, reify, vocab(r, V_TYPE), vocab(r, V_STATEMENT), origin);
    add(r, reify, vocab(r, V_SUBJECT), s, origin);
    add(r, reify, vocab(r, V_PREDICATE), p, origin);
    add(r, reify, vocab(r, V_OBJECT), o, origin);
  }
}

/*
  Attributes
*/

static AttrKind
classify(Reader* const               r,
         const xmlChar* const* const attr,
         SyntaxAttr* const           syntax)
{
  const xmlChar* const local  = attr[0];
  const xmlChar* const prefix = attr[1];
  const xmlChar* const uri    = attr[2];
  if (uri == r->xml_ns) {
    return local == r->xml_lang   ? ATTR_LANG
           : local == r->xml_base ? ATTR_BASE
                                  : ATTR_IGNORED;
  }

  if (!uri) {
    // The names that RDF/XML once allowed unqualified; any other
    // unqualified name is forbidden, except those that XML reserves
    if (starts_with_xml(local)) {
      return ATTR_IGNORED;
    }

    static const RdfName compat[] = {
      RDF_ID, RDF_ABOUT, RDF_RESOURCE, RDF_PARSE_TYPE, RDF_TYPE};
    for (size_t i = 0U; i < sizeof(compat) / sizeof(compat[0]); ++i) {
      if (local == r->rdf_local[compat[i]]) {
        reader_warning(r,
                       "unqualified attribute '%s' is taken as 'rdf:%s'",
                       (const char*)local,
                       (const char*)local);
        const xmlChar* const qualified[5] = {
          local, NULL, r->rdf_ns, attr[3], attr[4]};
        return classify(r, qualified, syntax);
      }
    }

    kg_read_error(&r->core,
                  KG_BAD_SYNTAX,
                  "attribute '%s' has no namespace",
                  (const char*)local);
    return ATTR_BAD;
  }

  if (starts_with_xml(prefix)) {
    return ATTR_IGNORED; // Names starting with "xml" are XML's
  }

  switch (rdf_name(r, uri, local)) {
  case RDF_ABOUT:
    *syntax = A_ABOUT;
    return ATTR_SYNTAX;
  case RDF_ID:
    *syntax = A_ID;
    return ATTR_SYNTAX;
  case RDF_NODE_ID:
    *syntax = A_NODE_ID;
    return ATTR_SYNTAX;
  case RDF_RESOURCE:
    *syntax = A_RESOURCE;
    return ATTR_SYNTAX;
  case RDF_DATATYPE:
    *syntax = A_DATATYPE;
    return ATTR_SYNTAX;
  case RDF_PARSE_TYPE:
    *syntax = A_PARSE_TYPE;
    return ATTR_SYNTAX;

  case RDF_RDF:
  case RDF_DESCRIPTION:
  case RDF_LI:
  case RDF_ABOUT_EACH:
  case RDF_ABOUT_EACH_PREFIX:
  case RDF_BAG_ID:
    kg_read_error(&r->core,
                  KG_BAD_SYNTAX,
                  "'rdf:%s' is not allowed as an attribute",
                  (const char*)local);
    return ATTR_BAD;

  case RDF_TYPE:
  case RDF_OTHER:
  case N_RDF_NAMES:
    break;
  }
  return ATTR_PROPERTY;
}

/// Sort the attributes of element `e` into e->a.  @return false on error.
static bool
scan_attrs(Reader* const r, Element* const e)
{
  Attrs* const a = &e->a;
  memset(a, 0, sizeof(*a));
  bool ok = true;
  for (int i = 0; i < e->n_attrs; ++i) {
    const xmlChar* const* const attr   = e->attrs + 5 * i;
    SyntaxAttr                  syntax = A_ABOUT;
    switch (classify(r, attr, &syntax)) {
    case ATTR_IGNORED:
      break;
    case ATTR_LANG:
      a->lang     = attr_value(attr);
      a->has_lang = true;
      break;
    case ATTR_BASE:
      a->base     = attr_value(attr);
      a->has_base = true;
      break;
    case ATTR_SYNTAX:
      a->value[syntax] = attr_value(attr);
      a->has |= 1U << syntax;
      break;
    case ATTR_PROPERTY:
      ++a->n_props;
      break;
    case ATTR_BAD:
      ok = false;
      break;
    }
  }
  return ok;
}

/// Set the language and base of frame `f` from its attributes.
static bool
set_lang_and_base(Reader* const r, Frame* const f, const Attrs* const a)
{
  if (a->has_lang) {
    f->lang = lang_index(r, a->lang); // LANG_BAD after an error (lax)
    if (r->stopped) {
      return false;
    }
  }

  if (a->has_base) {
    KgStatus st = KG_SUCCESS;
    if (kg_iri_is_absolute(a->base)) {
      kg_buffer_clear(&r->iri);
      st = kg_buffer_append_sv(&r->iri, a->base);
      if (st) {
        out_of_memory(r);
      }
    } else {
      st = resolve(r, f, a->base);
    }
    if (!st) {
      st = kg_read_check_iri(&r->core, kg_buffer_view(&r->iri));
    }
    if (st) {
      return false;
    }

    const uint32_t index = push_base(r, kg_buffer_view(&r->iri));
    if (index == UINT32_MAX) {
      out_of_memory(r);
      return false;
    }
    f->base     = index;
    f->own_base = true;
  }
  return true;
}

/// Add the property attributes of an element, about `s`.
static void
add_property_attrs(Reader* const        r,
                   const Frame* const   f,
                   const KgTermId       s,
                   const Element* const e)
{
  for (int i = 0; i < e->n_attrs && !r->stopped; ++i) {
    const xmlChar* const* const attr  = e->attrs + 5 * i;
    const xmlChar* const        local = attr[0];
    const xmlChar*              uri   = attr[2];
    if (!uri) {
      // Of the unqualified names that scan_attrs() let through, only
      // "type" is a property
      if (local != r->rdf_local[RDF_TYPE]) {
        continue;
      }
      uri = r->rdf_ns;
    } else if (uri == r->xml_ns || starts_with_xml(attr[1])) {
      continue;
    }

    const RdfName name = rdf_name(r, uri, local);
    if (name != RDF_OTHER && name != RDF_TYPE) {
      continue; // A syntax attribute
    }

    const KgTermId     p     = name_iri(r, uri, local);
    const KgStringView value = attr_value(attr);
    const KgTermId     o     = !p ? KG_NO_TERM
                               : name == RDF_TYPE
                                 ? value_iri(r, f, value)
                                 : literal(r, value, KG_NO_TERM, f->lang);
    add(r, s, p, o, f->origin);
  }
}

/*
  Elements
*/

/// Report that `what` `name` is not allowed where it is.
static void
bad_name(Reader* const        r,
         const char* const    what,
         const xmlChar* const prefix,
         const xmlChar* const local)
{
  kg_read_error(&r->core,
                KG_BAD_SYNTAX,
                "'%s' is not allowed as %s",
                qname(r, prefix, local),
                what);
}

/// Report the first syntax attribute of `a` in `mask`, not allowed here.
static void
bad_attr(Reader* const      r,
         const Attrs* const a,
         const unsigned     mask,
         const char* const  where)
{
  for (unsigned i = 0U; i < N_SYNTAX_ATTRS; ++i) {
    if (a->has & mask & (1U << i)) {
      kg_read_error(&r->core,
                    KG_BAD_SYNTAX,
                    "'%s' is not allowed on %s",
                    syntax_attr_names[i],
                    where);
      return;
    }
  }
}

#define HAS(a, x) (((a)->has >> (x)) & 1U)

/**
   Open the frame of the node or property element `e`: read its attributes
   into e->a, take its xml:lang and xml:base, and check that it has a
   namespace and a name that may stand on an element of its kind.

   @return The frame (FRAME_SKIP until the caller says what it is), with
   the element's RDF name in e->name, or NULL after an error.
*/
static Frame*
open_element(Reader* const r, const bool node, Element* const e)
{
  Frame* const f = push_frame(r, FRAME_SKIP);
  if (f) {
    f->node = node;
    f->mark = r->n_pending;
  }
  if (!f || !scan_attrs(r, e) || !set_lang_and_base(r, f, &e->a)) {
    return NULL;
  }

  e->name = rdf_name(r, e->uri, e->local);
  if (!e->uri) {
    kg_read_error(&r->core,
                  KG_BAD_SYNTAX,
                  "element '%s' has no namespace",
                  (const char*)e->local);
    return NULL;
  }

  // Of the RDF names, rdf:type stands on both kinds of element, and
  // rdf:Description and rdf:li each on one
  const RdfName own = node ? RDF_DESCRIPTION : RDF_LI;
  if (e->name != RDF_OTHER && e->name != own && e->name != RDF_TYPE) {
    bad_name(
      r, node ? "a node element" : "a property element", e->prefix, e->local);
    return NULL;
  }
  return f;
}

/// Start a node element below frame `parent` (SIZE_MAX: the root).
static void
node_start(Reader* const r, const size_t parent, Element* const e)
{
  Frame* const f = open_element(r, true, e);
  if (!f) {
    return;
  }

  const unsigned not_here =
    (1U << A_RESOURCE) | (1U << A_DATATYPE) | (1U << A_PARSE_TYPE);
  if (e->a.has & not_here) {
    bad_attr(r, &e->a, not_here, "a node element");
    return;
  }
  if (HAS(&e->a, A_ABOUT) + HAS(&e->a, A_ID) + HAS(&e->a, A_NODE_ID) > 1U) {
    kg_read_error(&r->core,
                  KG_BAD_SYNTAX,
                  "a node element has at most one of rdf:about, rdf:ID and "
                  "rdf:nodeID");
    return;
  }

  const KgTermId s = HAS(&e->a, A_ABOUT) ? value_iri(r, f, e->a.value[A_ABOUT])
                     : HAS(&e->a, A_ID)  ? id_iri(r, f, e->a.value[A_ID])
                     : HAS(&e->a, A_NODE_ID)
                       ? node_id_blank(r, e->a.value[A_NODE_ID])
                       : generated_blank(r);
  const KgTermId type = (!s || e->name == RDF_DESCRIPTION)
                          ? KG_NO_TERM
                          : name_iri(r, e->uri, e->local);
  if (!s || (e->name != RDF_DESCRIPTION && !type)) {
    return; // Reported
  }

  f->kind    = FRAME_NODE;
  f->subject = s;
  if (type) {
    add(r, s, vocab(r, V_TYPE), type, f->origin);
  }
  add_property_attrs(r, f, s, e);

  // The statement of the property element or the collection around it
  if (parent == SIZE_MAX) {
    return;
  }
  Frame* const p = &r->frames[parent];
  if (p->kind == FRAME_PROPERTY) {
    p->kind   = FRAME_OBJECT;
    p->object = s;
    add_statement(r, p->subject, p->predicate, s, p->reify, p->origin);
  } else if (p->kind == FRAME_COLLECTION) {
    const KgTermId item = generated_blank(r);
    if (!p->object) {
      add_statement(r, p->subject, p->predicate, item, p->reify, p->origin);
    } else {
      add(r, p->object, vocab(r, V_REST), item, f->origin);
    }
    add(r, item, vocab(r, V_FIRST), s, f->origin);
    p->object = item;
  }
}

/// Start a property element below the node frame `parent`.
static void
property_start(Reader* const r, const size_t parent, Element* const e)
{
  Frame* const f = open_element(r, false, e);
  if (!f) {
    return;
  }
  if (HAS(&e->a, A_ABOUT)) {
    bad_attr(r, &e->a, 1U << A_ABOUT, "a property element");
    return;
  }

  const KgTermId s = r->frames[parent].subject;
  const KgTermId p = e->name == RDF_LI ? member_iri(r, ++r->frames[parent].li)
                                       : name_iri(r, e->uri, e->local);
  const KgTermId reify =
    (p && HAS(&e->a, A_ID)) ? id_iri(r, f, e->a.value[A_ID]) : KG_NO_TERM;
  if (!p || (HAS(&e->a, A_ID) && !reify)) {
    return;
  }

  f->subject   = s;
  f->predicate = p;
  f->reify     = reify;

  if (HAS(&e->a, A_PARSE_TYPE)) {
    const unsigned not_here =
      (1U << A_RESOURCE) | (1U << A_NODE_ID) | (1U << A_DATATYPE);
    if (e->a.has & not_here) {
      bad_attr(r, &e->a, not_here, "an element with rdf:parseType");
      return;
    }
    if (e->a.n_props) {
      kg_read_error(&r->core,
                    KG_BAD_SYNTAX,
                    "property attributes are not allowed on an element with "
                    "rdf:parseType");
      return;
    }

    const KgStringView type = e->a.value[A_PARSE_TYPE];
    if (kg_sv_equals(type, KG_SV("Resource"))) {
      const KgTermId node = generated_blank(r);
      if (node) {
        add_statement(r, s, p, node, reify, f->origin);
        f->kind    = FRAME_NODE;
        f->subject = node;
      }
    } else if (kg_sv_equals(type, KG_SV("Collection"))) {
      f->kind = FRAME_COLLECTION;
    } else {
      f->kind = FRAME_XML; // "Literal", and any other value
      kg_buffer_clear(&r->xml);
      r->n_rendered = 0U;
    }
    return;
  }

  if (HAS(&e->a, A_RESOURCE) || HAS(&e->a, A_NODE_ID) || e->a.n_props) {
    if (HAS(&e->a, A_RESOURCE) && HAS(&e->a, A_NODE_ID)) {
      kg_read_error(&r->core,
                    KG_BAD_SYNTAX,
                    "rdf:resource and rdf:nodeID cannot go together");
      return;
    }
    if (HAS(&e->a, A_DATATYPE)) {
      kg_read_error(&r->core,
                    KG_BAD_SYNTAX,
                    "rdf:datatype cannot go with %s",
                    HAS(&e->a, A_RESOURCE)  ? "rdf:resource"
                    : HAS(&e->a, A_NODE_ID) ? "rdf:nodeID"
                                            : "property attributes");
      return;
    }

    const KgTermId o =
      HAS(&e->a, A_RESOURCE)  ? value_iri(r, f, e->a.value[A_RESOURCE])
      : HAS(&e->a, A_NODE_ID) ? node_id_blank(r, e->a.value[A_NODE_ID])
                              : generated_blank(r);
    if (!o) {
      return;
    }
    f->kind   = FRAME_EMPTY;
    f->object = o;
    add_statement(r, s, p, o, reify, f->origin);
    add_property_attrs(r, f, o, e);
    return;
  }

  if (HAS(&e->a, A_DATATYPE) &&
      !(f->datatype = value_iri(r, f, e->a.value[A_DATATYPE]))) {
    return;
  }
  f->kind = FRAME_PROPERTY;
  kg_buffer_clear(&r->text);
}

/// Start the root element: rdf:RDF, or a node element.
static void
root_start(Reader* const r, Element* const e)
{
  if (rdf_name(r, e->uri, e->local) != RDF_RDF) {
    node_start(r, SIZE_MAX, e);
    return;
  }

  Frame* const f = push_frame(r, FRAME_SKIP);
  if (!f || !scan_attrs(r, e) || !set_lang_and_base(r, f, &e->a)) {
    return;
  }

  if (e->a.has || e->a.n_props) {
    kg_read_error(&r->core,
                  KG_BAD_SYNTAX,
                  "rdf:RDF takes no attributes but xml:lang and xml:base");
    if (!r->core.lax) {
      return;
    }
  }
  f->kind = FRAME_RDF;
}

/*
  XML literals, in exclusive canonical form (with comments)
*/

/// Append `text` escaped as canonical XML text (or attribute value).
static void
append_escaped(KgBuffer* const   buf,
               const char* const text,
               const size_t      len,
               const bool        attribute)
{
  size_t start = 0U;
  for (size_t i = 0U; i < len && !buf->status; ++i) {
    const char* esc = NULL;
    switch (text[i]) {
    case '&':
      esc = "&amp;";
      break;
    case '<':
      esc = "&lt;";
      break;
    case '>':
      esc = attribute ? NULL : "&gt;";
      break;
    case '"':
      esc = attribute ? "&quot;" : NULL;
      break;
    case '\t':
      esc = attribute ? "&#x9;" : NULL;
      break;
    case '\n':
      esc = attribute ? "&#xA;" : NULL;
      break;
    case '\r':
      esc = "&#xD;";
      break;
    default:
      break;
    }

    if (esc) {
      kg_buffer_append(buf, text + start, i - start);
      kg_buffer_append_str(buf, esc);
      start = i + 1U;
    }
  }
  kg_buffer_append(buf, text + start, len - start);
}

static void
append_qname(KgBuffer* const      buf,
             const xmlChar* const prefix,
             const xmlChar* const local)
{
  if (prefix) {
    kg_buffer_append_str(buf, (const char*)prefix);
    kg_buffer_append_char(buf, ':');
  }
  kg_buffer_append_str(buf, (const char*)local);
}

static int
compare_str(const xmlChar* const a, const xmlChar* const b)
{
  return strcmp(a ? (const char*)a : "", b ? (const char*)b : "");
}

/// Make room for `n` entries of r->order.
static bool
reserve_order(Reader* const r, const size_t n)
{
  if (n > r->order_cap) {
    size_t* const order = (size_t*)kg_reallocarray(r->order, n, sizeof(size_t));
    if (!order) {
      out_of_memory(r);
      return false;
    }
    r->order     = order;
    r->order_cap = n;
  }
  return true;
}

/// Render the namespace `prefix` = `uri` if exclusive c14n says so.
static bool
utilize(Reader* const        r,
        const size_t         mark,
        const xmlChar* const prefix,
        const xmlChar* const uri)
{
  const xmlChar* const value = uri ? uri : (const xmlChar*)"";

  // Already rendered on this element?
  for (size_t i = mark; i < r->n_rendered; ++i) {
    if (!compare_str(r->rendered[i].prefix, prefix)) {
      return true;
    }
  }

  // Rendered by an output ancestor with the same value?
  const xmlChar* in_scope = prefix ? NULL : (const xmlChar*)"";
  for (size_t i = mark; i-- > 0U;) {
    if (!compare_str(r->rendered[i].prefix, prefix)) {
      in_scope = r->rendered[i].uri;
      break;
    }
  }
  if (in_scope && !compare_str(in_scope, value)) {
    return true;
  }

  if (r->n_rendered == r->rendered_cap) {
    const size_t    cap = r->rendered_cap ? r->rendered_cap * 2U : 16U;
    Rendered* const rendered =
      (Rendered*)kg_reallocarray(r->rendered, cap, sizeof(Rendered));
    if (!rendered) {
      out_of_memory(r);
      return false;
    }
    r->rendered     = rendered;
    r->rendered_cap = cap;
  }
  r->rendered[r->n_rendered].prefix = prefix;
  r->rendered[r->n_rendered].uri    = value;
  ++r->n_rendered;
  return true;
}

static void
xml_start(Reader* const r, const Element* const e)
{
  Frame* const f = push_frame(r, FRAME_XML_ELEMENT);
  if (!f) {
    return;
  }

  // The namespaces this element visibly uses, rendered where they are not
  // already in force in the literal
  const size_t mark = r->n_rendered;
  f->ns_mark        = (uint32_t)mark;
  if (!utilize(r, mark, e->prefix, e->uri)) {
    return;
  }
  for (int i = 0; i < e->n_attrs; ++i) {
    const xmlChar* const* const attr = e->attrs + 5 * i;
    if (attr[1] && attr[2] != r->xml_ns &&
        !utilize(r, mark, attr[1], attr[2])) {
      return;
    }
  }

  const size_t n_ns = r->n_rendered - mark;
  if (!reserve_order(r, n_ns + (size_t)e->n_attrs + 1U)) {
    return;
  }

  KgBuffer* const buf = &r->xml;
  kg_buffer_append_char(buf, '<');
  append_qname(buf, e->prefix, e->local);

  // Namespace declarations by prefix, the default one first
  size_t* const order = r->order;
  for (size_t i = 0U; i < n_ns; ++i) {
    size_t j = i;
    for (; j > 0U && compare_str(r->rendered[mark + order[j - 1U]].prefix,
                                 r->rendered[mark + i].prefix) > 0;
         --j) {
      order[j] = order[j - 1U];
    }
    order[j] = i;
  }
  for (size_t i = 0U; i < n_ns && !buf->status; ++i) {
    const Rendered* const ns = &r->rendered[mark + order[i]];
    kg_buffer_append_str(buf, ns->prefix ? " xmlns:" : " xmlns");
    if (ns->prefix) {
      kg_buffer_append_str(buf, (const char*)ns->prefix);
    }
    kg_buffer_append(buf, "=\"", 2U);
    append_escaped(
      buf, (const char*)ns->uri, strlen((const char*)ns->uri), true);
    kg_buffer_append_char(buf, '"');
  }

  // Attributes by namespace IRI (none first), then local name
  for (size_t i = 0U; i < (size_t)e->n_attrs; ++i) {
    const xmlChar* const* const a = e->attrs + 5U * i;
    size_t                      j = i;
    for (; j > 0U; --j) {
      const xmlChar* const* const b = e->attrs + 5U * order[j - 1U];
      const int                   c = compare_str(b[2], a[2]);
      if (c < 0 || (!c && compare_str(b[0], a[0]) <= 0)) {
        break;
      }
      order[j] = order[j - 1U];
    }
    order[j] = i;
  }
  for (size_t i = 0U; i < (size_t)e->n_attrs && !buf->status; ++i) {
    const xmlChar* const* const attr  = e->attrs + 5U * order[i];
    const KgStringView          value = attr_value(attr);
    kg_buffer_append_char(buf, ' ');
    append_qname(buf, attr[1], attr[0]);
    kg_buffer_append(buf, "=\"", 2U);
    append_escaped(buf, value.data, value.len, true);
    kg_buffer_append_char(buf, '"');
  }

  kg_buffer_append_char(buf, '>');
  if (buf->status) {
    out_of_memory(r);
  }
}

/*
  SAX handlers
*/

/// Count `len` bytes of text or attribute values, and return true iff
/// entity references expand too much (quadratic blowup).
static bool
amplified(Reader* const r, const size_t len)
{
  r->bytes_out += len;
  if (r->bytes_out <= AMPLIFICATION_FREE ||
      r->bytes_out <= AMPLIFICATION_MAX * r->bytes_in) {
    return false;
  }

  r->core.lax = false;
  r->here     = parser_caret(r);
  kg_read_error(&r->core,
                KG_BAD_SYNTAX,
                "entity references expand too much (%llu bytes of text from "
                "%llu bytes of document; kgraph allows %u times)",
                (unsigned long long)r->bytes_out,
                (unsigned long long)r->bytes_in,
                AMPLIFICATION_MAX);
  return true;
}

static void
on_start(void* const           user,
         const xmlChar* const  local,
         const xmlChar* const  prefix,
         const xmlChar* const  uri,
         const int             n_namespaces,
         const xmlChar** const namespaces,
         const int             n_attrs,
         const int             n_defaulted,
         const xmlChar** const attrs)
{
  Reader* const r = (Reader*)user;
  (void)n_defaulted;
  if (r->stopped) {
    return;
  }

  size_t values = 0U;
  for (int i = 0; i < n_attrs; ++i) {
    values += (size_t)(attrs[i * 5 + 4] - attrs[i * 5 + 3]);
  }
  if (amplified(r, values)) {
    return;
  }

  r->here = tag_caret(r);
  if (r->n_frames >= MAX_DEPTH) {
    r->core.lax = false;
    kg_read_error(&r->core,
                  KG_BAD_SYNTAX,
                  "elements nest deeper than %u levels",
                  MAX_DEPTH);
    return;
  }

  Element e;
  e.local   = local;
  e.prefix  = prefix;
  e.uri     = uri;
  e.attrs   = (const xmlChar* const*)attrs;
  e.n_attrs = n_attrs;
  e.name    = RDF_OTHER;

  r->seen_root = true;
  if (!r->n_frames) {
    root_start(r, &e);
  } else {
    const size_t parent = r->n_frames - 1U;
    switch ((FrameKind)r->frames[parent].kind) {
    case FRAME_SKIP:
      push_frame(r, FRAME_SKIP);
      return;

    case FRAME_XML:
    case FRAME_XML_ELEMENT:
      xml_start(r, &e);
      return;

    case FRAME_RDF:
    case FRAME_COLLECTION:
      node_start(r, parent, &e);
      break;

    case FRAME_NODE:
      property_start(r, parent, &e);
      break;

    case FRAME_PROPERTY: {
      const Frame* const p = &r->frames[parent];
      if (!is_blank(r->text.data, r->text.len)) {
        kg_read_error(&r->core,
                      KG_BAD_SYNTAX,
                      "a property element holds both text and an element");
      } else if (p->datatype) {
        kg_read_error(&r->core,
                      KG_BAD_SYNTAX,
                      "a property element with rdf:datatype holds an element");
      } else {
        node_start(r, parent, &e);
        break;
      }
      push_frame(r, FRAME_SKIP);
      return;
    }

    case FRAME_OBJECT:
      kg_read_error(&r->core,
                    KG_BAD_SYNTAX,
                    "a property element holds more than one node element");
      push_frame(r, FRAME_SKIP);
      return;

    case FRAME_EMPTY:
      kg_read_error(&r->core,
                    KG_BAD_SYNTAX,
                    "a property element with rdf:resource, rdf:nodeID or "
                    "property attributes must be empty");
      push_frame(r, FRAME_SKIP);
      return;
    }
  }

  // Record the document's prefixes, for writers (first declaration wins)
  for (int i = 0; i < n_namespaces && !r->stopped; ++i) {
    const xmlChar* const name = namespaces[2 * i];
    const xmlChar* const ns   = namespaces[2 * i + 1];
    const KgStringView   iri  = xml_view(ns);
    if (name && ns && !starts_with_xml(name) && kg_iri_is_absolute(iri) &&
        !kg_utf8_check(iri, NULL) && !kg_iri_check(iri, NULL)) {
      const KgStatus st =
        kg_graph_set_prefix(r->core.graph, xml_view(name), iri);
      if (st == KG_BAD_ALLOC) {
        out_of_memory(r);
      }
    }
  }
}

static void
on_end(void* const          user,
       const xmlChar* const local,
       const xmlChar* const prefix,
       const xmlChar* const uri)
{
  Reader* const r = (Reader*)user;
  (void)uri;
  if (r->stopped || !r->n_frames) {
    return;
  }

  Frame* const f = top(r);
  r->here.line   = f->origin.line;
  r->here.column = f->origin.column;
  switch ((FrameKind)f->kind) {
  case FRAME_XML_ELEMENT: {
    kg_buffer_append(&r->xml, "</", 2U);
    append_qname(&r->xml, prefix, local);
    kg_buffer_append_char(&r->xml, '>');
    if (r->xml.status) {
      out_of_memory(r);
    }
    r->n_rendered = f->ns_mark;
    break;
  }

  case FRAME_XML: {
    const KgTermId dt = vocab(r, V_XML_LITERAL);
    const KgTermId o =
      dt ? literal(r, kg_buffer_view(&r->xml), dt, 0U) : KG_NO_TERM;
    add_statement(r, f->subject, f->predicate, o, f->reify, f->origin);
    break;
  }

  case FRAME_PROPERTY: {
    const KgTermId o =
      literal(r, kg_buffer_view(&r->text), f->datatype, f->lang);
    add_statement(r, f->subject, f->predicate, o, f->reify, f->origin);
    break;
  }

  case FRAME_COLLECTION: {
    const KgTermId nil = vocab(r, V_NIL);
    if (f->object) {
      add(r, f->object, vocab(r, V_REST), nil, f->origin);
    } else {
      add_statement(r, f->subject, f->predicate, nil, f->reify, f->origin);
    }
    break;
  }

  case FRAME_SKIP:
  case FRAME_RDF:
  case FRAME_NODE:
  case FRAME_OBJECT:
  case FRAME_EMPTY:
    break;
  }

  if (!r->stopped) {
    pop_frame(r);
  }
}

static void
on_text(void* const user, const xmlChar* const ch, const int len)
{
  Reader* const r = (Reader*)user;
  if (r->stopped || !r->n_frames || len <= 0 || amplified(r, (size_t)len)) {
    return;
  }

  const char* const  text = (const char*)ch;
  const Frame* const f    = top(r);
  KgStatus           st   = KG_SUCCESS;
  switch ((FrameKind)f->kind) {
  case FRAME_PROPERTY:
    st = kg_buffer_append(&r->text, text, (size_t)len);
    break;

  case FRAME_XML:
  case FRAME_XML_ELEMENT:
    append_escaped(&r->xml, text, (size_t)len, false);
    st = r->xml.status;
    break;

  case FRAME_SKIP:
    break;

  case FRAME_RDF:
  case FRAME_NODE:
  case FRAME_OBJECT:
  case FRAME_EMPTY:
  case FRAME_COLLECTION:
    if (!is_blank(text, (size_t)len)) {
      const KgStringView view = {text, (size_t)len};
      r->here                 = parser_caret(r);
      kg_read_error(&r->core,
                    KG_BAD_SYNTAX,
                    "text '%s' is not allowed here (only %s)",
                    kg_read_quoted(&r->core, view),
                    f->kind == FRAME_RDF || f->kind == FRAME_COLLECTION
                      ? "node elements"
                    : f->kind == FRAME_NODE ? "property elements"
                                            : "white space");
    }
    break;
  }

  if (st) {
    out_of_memory(r);
  }
}

static bool
in_literal(Reader* const r)
{
  const Frame* const f = top(r);
  return !r->stopped && f &&
         (f->kind == FRAME_XML || f->kind == FRAME_XML_ELEMENT);
}

static void
on_comment(void* const user, const xmlChar* const value)
{
  Reader* const r = (Reader*)user;
  if (in_literal(r)) {
    kg_buffer_append(&r->xml, "<!--", 4U);
    kg_buffer_append_str(&r->xml, (const char*)value);
    kg_buffer_append(&r->xml, "-->", 3U);
    if (r->xml.status) {
      out_of_memory(r);
    }
  }
}

static void
on_pi(void* const user, const xmlChar* const target, const xmlChar* const data)
{
  Reader* const r = (Reader*)user;
  if (in_literal(r)) {
    kg_buffer_append(&r->xml, "<?", 2U);
    kg_buffer_append_str(&r->xml, (const char*)target);
    if (data && *data) {
      kg_buffer_append_char(&r->xml, ' ');
      kg_buffer_append_str(&r->xml, (const char*)data);
    }
    kg_buffer_append(&r->xml, "?>", 2U);
    if (r->xml.status) {
      out_of_memory(r);
    }
  }
}

/*
  Reading
*/

static void
reader_fini(Reader* const r)
{
  kg_free(r->frames);
  kg_free(r->pending);
  kg_free(r->bases);
  kg_free(r->rendered);
  kg_free(r->order);
  kg_table_fini(&r->ids);
  kg_buffer_fini(&r->base_text);
  kg_buffer_fini(&r->text);
  kg_buffer_fini(&r->xml);
  kg_buffer_fini(&r->iri);
  kg_buffer_fini(&r->name);
  kg_read_core_fini(&r->core);
  kg_buffer_fini(&r->last_lang_text);
}

/// Look up the dictionary strings of the names the reader compares.
static bool
lookup_names(Reader* const r)
{
  const xmlDictPtr dict = r->ctxt->dict;
  r->rdf_ns             = xmlDictLookup(dict, (const xmlChar*)RDF, -1);
  r->xml_ns   = xmlDictLookup(dict, (const xmlChar*)XML_XML_NAMESPACE, -1);
  r->xml_lang = xmlDictLookup(dict, (const xmlChar*)"lang", -1);
  r->xml_base = xmlDictLookup(dict, (const xmlChar*)"base", -1);
  bool ok     = r->rdf_ns && r->xml_ns && r->xml_lang && r->xml_base;
  for (unsigned i = 1U; i < N_RDF_NAMES; ++i) {
    r->rdf_local[i] = xmlDictLookup(dict, (const xmlChar*)rdf_names[i], -1);
    ok              = ok && r->rdf_local[i];
  }
  return ok;
}

/// Feed `input` to the parser of `r`.
/// Take an error raised outside the parser (decoding the input).  Halting
/// the parser there crashes libxml2 2.9: the error only stops the reader,
/// and libxml2 stops on its own.
static void
on_outside_error(void* const user, xmlErrorPtr const error)
{
  Reader* const r = (Reader*)user;
  r->outside      = true;
  on_xml_error(user, error);
  r->outside = false;
}

/// Take a message of libxml2's generic error handler: libxml2 2.9 prints
/// one when it cannot decode the input, and the parse stops with
/// XML_ERR_INVALID_ENCODING, which parse() reports.
static void
on_generic_error(void* const user, const char* const msg, ...)
{
  (void)user;
  (void)msg;
}

/// Report an error libxml2 returned without raising it, if nothing else was.
static void
check_parse_status(Reader* const r, const int rc)
{
  if (rc == XML_ERR_OK || r->stopped) {
    return;
  }

  r->core.lax = false;
  r->here     = parser_caret(r);
  if (rc == XML_ERR_INVALID_ENCODING) {
    kg_read_error(&r->core,
                  KG_BAD_TEXT,
                  "the document cannot be decoded from %s",
                  encoding_name(r));
  } else {
    kg_read_error(
      &r->core, KG_BAD_SYNTAX, "malformed XML (libxml2 error %d)", rc);
  }
}

static void
run_parser(Reader* const r, char* const buf)
{
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof(sax));
  sax.initialized           = XML_SAX2_MAGIC;
  sax.startElementNs        = on_start;
  sax.endElementNs          = on_end;
  sax.characters            = on_text;
  sax.ignorableWhitespace   = on_text;
  sax.cdataBlock            = on_text;
  sax.comment               = on_comment;
  sax.processingInstruction = on_pi;
  sax.serror                = on_xml_error;
  sax.internalSubset        = on_internal_subset;
  sax.entityDecl            = on_entity_decl;
  sax.getEntity             = on_get_entity;
  sax.getParameterEntity    = on_get_parameter_entity;
  // No externalSubset, resolveEntity or reference handler: nothing outside
  // the document is read, and no entity reference is passed through

  size_t       n     = kg_input_read(r->input, buf, CHUNK_SIZE);
  const size_t first = n < 4U ? n : 4U;
  r->bytes_in        = n;
  if (first == 4U) {
    r->detected = xmlGetCharEncodingName(
      xmlDetectCharEncoding((const unsigned char*)buf, 4));
  }
  r->ctxt = xmlCreatePushParserCtxt(
    &sax, r, first ? buf : NULL, (int)first, r->input->name);
  if (!r->ctxt) {
    out_of_memory(r);
    return;
  }

  // Everything through the context: no global setting of libxml2 changes.
  // XML_PARSE_HUGE lifts libxml2's 10 MB limit on names, attribute values
  // and texts (kgraph writes IRIs and literals of any length); it also
  // lifts libxml2's limits on entities, so it is dropped as soon as the
  // document has a DTD (on_internal_subset())
  xmlCtxtUseOptions(r->ctxt, XML_PARSE_NONET | XML_PARSE_HUGE);
  r->ctxt->replaceEntities = 1; // By on_get_entity(): internal ones only
  if (!lookup_names(r)) {
    out_of_memory(r);
    return;
  }

  size_t offset = first;
  int    rc     = XML_ERR_OK;
  while (!r->stopped && !rc && n > offset) {
    rc     = xmlParseChunk(r->ctxt, buf + offset, (int)(n - offset), 0);
    offset = 0U;
    n      = (r->stopped || rc) ? 0U : kg_input_read(r->input, buf, CHUNK_SIZE);
    r->bytes_in += n;
  }
  if (!r->stopped && !rc && !kg_input_failed(r->input)) {
    rc = xmlParseChunk(r->ctxt, NULL, 0, 1);
  }
  check_parse_status(r, rc);
}

static void
parse(Reader* const r, char* const buf)
{
  // Errors raised outside the parser (decoding the input, from the first
  // bytes on) go to libxml2's handlers for the thread: take them for the
  // parse, then restore them
  const xmlStructuredErrorFunc old_structured     = xmlStructuredError;
  void* const                  old_structured_ctx = xmlStructuredErrorContext;
  const xmlGenericErrorFunc    old_generic        = xmlGenericError;
  void* const                  old_generic_ctx    = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc(r, on_outside_error);
  xmlSetGenericErrorFunc(r, on_generic_error);
  run_parser(r, buf);
  commit(r); // What a truncated document left open (lax)
  xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
  xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
}

KgStatus
kg_read_rdfxml(KgGraph* const             graph,
               KgInput* const             input,
               const KgSyntax             syntax,
               const char* const          base,
               const KgReadOptions* const options)
{
  (void)syntax;

  Reader* const r   = (Reader*)kg_calloc(1U, sizeof(Reader));
  char* const   buf = r ? (char*)kg_malloc(CHUNK_SIZE) : NULL;
  if (!buf) {
    kg_free(r);
    return KG_BAD_ALLOC;
  }

  kg_read_core_init(&r->core, graph, options, r, &hooks, true);
  r->input   = input;
  r->dropped = SIZE_MAX;
  r->here    = (KgCaret){input->name, 1U, 1U};

  KgStatus st = kg_read_begin(&r->core, input, base);
  if (!st && push_base(r, kg_sv(base)) == UINT32_MAX) {
    st = KG_BAD_ALLOC;
  }

  if (!st) {
    parse(r, buf);
    st = kg_read_end(&r->core, input, r->status);
    if (!st && !r->core.lax && r->ctxt && !r->ctxt->wellFormed) {
      if (!r->core.n_errors) {
        kg_log(&options->log, KG_LOG_ERROR, parser_caret(r), "malformed XML");
      }
      st = KG_BAD_SYNTAX;
    }
  }

  if (r->ctxt) {
    if (r->ctxt->myDoc) {
      xmlFreeDoc(r->ctxt->myDoc);
      r->ctxt->myDoc = NULL;
    }
    xmlFreeParserCtxt(r->ctxt);
  }
  reader_fini(r);
  kg_free(buf);
  kg_free(r);
  return st;
}
