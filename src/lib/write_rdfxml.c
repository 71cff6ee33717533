// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// RDF/XML through libxml2's xmlTextWriter, abbreviated the way a person
// writes it, lossless or not at all.
//
// Before a byte is written, every predicate must have an XML QName and be
// allowed as a property element, and every string must hold only characters
// XML 1.0 can carry: otherwise the export fails, naming each offending term
// and the line its triple came from.  Everything else follows the shared
// layout (layout.c): blank nodes used once are nested, at most
// KG_LAYOUT_MAX_NEST levels deep, others get an rdf:nodeID, cycles are
// broken at a node outside collections, lists of resources become
// rdf:parseType="Collection", and each node of a list of literals after
// the first stands at the top with an rdf:nodeID.

#include "alloc.h"
#include "buffer.h"
#include "chars.h"
#include "formats.h"
#include "graph.h"
#include "hash.h"
#include "intern.h"
#include "layout.h"
#include "log.h"
#include "ns.h"
#include "order.h"
#include "vocab.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>
#include <kgraph/text.h>

#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RDF KG_RDF_NS

/// Problems reported before giving up (then "and N more").
#define MAX_PROBLEMS 20U

enum {
  QNAME_UNKNOWN = -2, ///< Not worked out yet
  QNAME_NONE    = -1, ///< The IRI has no QName
};

/// A namespace with the prefix it gets in the document.
typedef struct {
  KgStringView prefix; ///< NCName, or a generated "nsN" (in `names`)
  KgStringView iri;
  bool         used;
  bool         generated;
} Namespace;

typedef struct {
  KgLayout              layout;
  const KgGraph*        graph;
  const KgWriteOptions* options;
  xmlTextWriterPtr      xml;
  FILE*                 stream;
  KgStatus              status;  ///< First error
  Namespace*            ns;      ///< Namespaces, known then generated
  size_t                n_known; ///< Known namespaces, first in `ns`
  size_t                n_ns;
  size_t                ns_cap;
  KgTerms               ns_iris;  ///< The IRIs of `ns`, to find them by
  uint32_t*             ns_index; ///< Per id in `ns_iris`: index in `ns`
  size_t                ns_index_cap;
  size_t*   ns_lens; ///< Distinct lengths of known IRIs, longest first
  size_t    n_ns_lens;
  int32_t*  qname;     ///< Namespace of each IRI, or QNAME_*
  uint32_t* qname_at;  ///< Offset + 1 of each QName in `qnames`
  KgBuffer  qnames;    ///< QNames made so far, NUL-separated
  KgTermId* node_type; ///< Type named by each subject's element
  KgVocab   vocab;     ///< Class hierarchy of graph and ontology
  KgBuffer  scratch;   ///< Scratch: numbers, IRIs
  KgBuffer  names;     ///< Generated prefix names
  unsigned  n_problems;
  KgTermId  rdf_xml_literal;
  bool      plain;
  bool      no_memory;    ///< libxml2 said that an allocation failed
  bool      write_failed; ///< Writing to `stream` failed
} Writer;

/*
  Names
*/

/**
   Return true iff `c` is a letter that every XML parser takes in a name.

   XML 1.0 fifth edition allows far more than the fourth, which expat (and
   so rdflib) still follows: names use only letters both editions share,
   from the scripts people write names in.
*/
static bool
is_portable_letter(const uint32_t c)
{
  return kg_is_alpha(c) || c == '_' || (c >= 0xC0U && c <= 0xD6U) ||
         (c >= 0xD8U && c <= 0xF6U) || (c >= 0xF8U && c <= 0xFFU) ||
         (c >= 0x391U && c <= 0x3A1U) || (c >= 0x3A3U && c <= 0x3A9U) ||
         (c >= 0x3B1U && c <= 0x3C9U) || (c >= 0x410U && c <= 0x44FU) ||
         (c >= 0x3041U && c <= 0x3094U) || (c >= 0x30A1U && c <= 0x30FAU) ||
         (c >= 0x4E00U && c <= 0x9FA5U) || (c >= 0xAC00U && c <= 0xD7A3U);
}

static bool
is_portable_name_char(const uint32_t c)
{
  return is_portable_letter(c) || kg_is_digit(c) || c == '-' || c == '.' ||
         c == 0xB7U;
}

/// Return true iff `s` is an XML NCName (a Name without colons) of
/// portable characters.
static bool
is_ncname(const KgStringView s)
{
  size_t i = 0U;
  while (i < s.len) {
    const bool     first = i == 0U;
    const uint32_t c     = kg_utf8_next(s, &i);
    if (first ? !is_portable_letter(c) : !is_portable_name_char(c)) {
      return false;
    }
  }
  return s.len > 0U;
}

/// Return true iff `s` can be a namespace prefix (not "xml..." reserved).
static bool
is_prefix_name(const KgStringView s)
{
  return is_ncname(s) &&
         !(s.len >= 3U && (s.data[0] | 0x20) == 'x' &&
           (s.data[1] | 0x20) == 'm' && (s.data[2] | 0x20) == 'l');
}

/// Return true iff code point `c` is a Char of XML 1.0.
static bool
is_xml_char(const uint32_t c)
{
  return c == 0x9U || c == 0xAU || c == 0xDU || (c >= 0x20U && c <= 0xD7FFU) ||
         (c >= 0xE000U && c <= 0xFFFDU) || (c >= 0x10000U && c <= 0x10FFFFU);
}

/// Return the first code point of `s` that XML 1.0 cannot carry, or 0.
static uint32_t
bad_xml_char(const KgStringView s)
{
  for (size_t i = 0U; i < s.len;) {
    const unsigned char b = (unsigned char)s.data[i];
    if (b >= 0x20U && b < 0x80U) {
      ++i; // The common case, quickly
      continue;
    }

    const uint32_t c = kg_utf8_next(s, &i);
    if (!is_xml_char(c)) {
      return c ? c : 0x110000U; // NUL is reported as itself below
    }
  }
  return 0U;
}

/// Return where the NCName at the end of `iri` starts, or `iri.len` if none.
static size_t
local_start(const KgStringView iri)
{
  // The run of name characters at the end...
  size_t run = 0U;
  for (size_t i = 0U; i < iri.len;) {
    const uint32_t c = kg_utf8_next(iri, &i);
    if (!is_portable_name_char(c)) {
      run = i;
    }
  }

  // ...from its first character that may start a name
  for (size_t i = run; i < iri.len;) {
    const size_t   at = i;
    const uint32_t c  = kg_utf8_next(iri, &i);
    if (is_portable_letter(c)) {
      return at;
    }
  }
  return iri.len;
}

static KgStatus
add_namespace(Writer* const      w,
              const KgStringView prefix,
              const KgStringView iri,
              const bool         generated)
{
  if (w->n_ns == w->ns_cap) {
    const size_t     cap = w->ns_cap ? w->ns_cap * 2U : 32U;
    Namespace* const ns =
      (Namespace*)kg_reallocarray(w->ns, cap, sizeof(Namespace));
    if (!ns) {
      return KG_BAD_ALLOC;
    }
    w->ns     = ns;
    w->ns_cap = cap;
  }

  // The first namespace of an IRI is the one found by it
  bool           added = false;
  const KgTermId id =
    kg_terms_intern(&w->ns_iris, KG_TERM_IRI, iri, 0U, 0U, &added);
  if (!id) {
    return KG_BAD_ALLOC;
  }
  if (!generated &&
      !kg_terms_intern(&w->ns_iris, KG_TERM_BLANK, prefix, 0U, 0U, NULL)) {
    return KG_BAD_ALLOC;
  }
  if (added) {
    if (id >= w->ns_index_cap) {
      const size_t    cap = 2U * (size_t)id + 16U;
      uint32_t* const index =
        (uint32_t*)kg_reallocarray(w->ns_index, cap, sizeof(uint32_t));
      if (!index) {
        return KG_BAD_ALLOC;
      }
      w->ns_index     = index;
      w->ns_index_cap = cap;
    }
    w->ns_index[id] = (uint32_t)w->n_ns;
  }

  const Namespace n = {prefix, iri, false, generated};
  w->ns[w->n_ns++]  = n;
  return KG_SUCCESS;
}

/// Return the index in `ns` of the namespace of IRI `iri`, or -1.
static int32_t
find_namespace(const Writer* const w, const KgStringView iri)
{
  const KgTermId id = kg_terms_find(&w->ns_iris, KG_TERM_IRI, iri, 0U, 0U);
  return id ? (int32_t)w->ns_index[id] : -1;
}

/// Note the distinct lengths of the known namespaces' IRIs, longest first.
static KgStatus
find_known_lengths(Writer* const w)
{
  w->ns_lens = (size_t*)kg_reallocarray(NULL, w->n_known + 1U, sizeof(size_t));
  if (!w->ns_lens) {
    return KG_BAD_ALLOC;
  }

  for (size_t i = 0U; i < w->n_known; ++i) {
    w->ns_lens[i] = w->ns[i].iri.len;
  }
  w->n_ns_lens = kg_lengths_distinct(w->ns_lens, w->n_known);
  return KG_SUCCESS;
}

/**
   Return the namespace of IRI `id` for a QName, or QNAME_NONE: the longest
   known namespace that leaves an NCName, else the IRI up to the NCName at
   its end (a generated namespace).  It depends on nothing but the IRI and
   the known namespaces, so the same graph gives the same QNames whatever
   the order of its triples.
*/
static int32_t
qname_of(Writer* const w, const KgTermId id)
{
  if (w->qname[id] != QNAME_UNKNOWN) {
    return w->qname[id];
  }

  // The longest known namespace that leaves an NCName: known IRIs are
  // distinct, so each length is looked up once, longest first
  const KgStringView iri  = kg_terms_text(&w->graph->terms, id);
  int32_t            best = QNAME_NONE;
  for (size_t k = 0U; k < w->n_ns_lens && best < 0; ++k) {
    const size_t len = w->ns_lens[k];
    if (len < iri.len) {
      const KgStringView head  = {iri.data, len};
      const KgStringView local = {iri.data + len, iri.len - len};
      const int32_t      i     = find_namespace(w, head);
      if (i >= 0 && (size_t)i < w->n_known && is_ncname(local)) {
        best = i;
      }
    }
  }

  const size_t start = best < 0 ? local_start(iri) : 0U;
  if (best < 0 && start > 0U && start < iri.len) {
    const KgStringView ns = {iri.data, start};
    best                  = find_namespace(w, ns);
    if (best < 0) {
      if (add_namespace(w, KG_SV(""), ns, true)) {
        w->status = KG_BAD_ALLOC;
        return QNAME_NONE;
      }
      best = (int32_t)(w->n_ns - 1U);
    }
  }

  w->qname[id] = best;
  return best;
}

/**
   Return the QName of IRI `id` (which must have one), made once: prefixes
   are all named before writing starts.
*/
static const char*
qname(Writer* const w, const KgTermId id)
{
  if (!w->qname_at[id]) {
    const int32_t      ns  = qname_of(w, id);
    const KgStringView iri = kg_terms_text(&w->graph->terms, id);
    const Namespace*   n   = &w->ns[ns];
    const size_t       at  = w->qnames.len;
    if (at >= UINT32_MAX || kg_buffer_append_sv(&w->qnames, n->prefix) ||
        kg_buffer_append_char(&w->qnames, ':') ||
        kg_buffer_append(
          &w->qnames, iri.data + n->iri.len, iri.len - n->iri.len + 1U)) {
      w->status = KG_BAD_ALLOC;
      return "";
    }
    w->qname_at[id] = (uint32_t)at + 1U;
  }
  return w->qnames.data + w->qname_at[id] - 1U;
}

/// Return true iff IRI `iri` may name a property element.
static bool
is_property_name(const KgStringView iri)
{
  // RDF/XML 7.2.x: not the core syntax terms, rdf:Description, rdf:li (it
  // reads back as rdf:_n) or the old terms
  static const char* const forbidden[] = {
    RDF "RDF",
    RDF "ID",
    RDF "about",
    RDF "parseType",
    RDF "resource",
    RDF "nodeID",
    RDF "datatype",
    RDF "Description",
    RDF "li",
    RDF "aboutEach",
    RDF "aboutEachPrefix",
    RDF "bagID",
  };

  for (size_t i = 0U; i < sizeof(forbidden) / sizeof(forbidden[0]); ++i) {
    if (kg_sv_equals(iri, kg_sv(forbidden[i]))) {
      return false;
    }
  }
  return true;
}

/*
  Checking what cannot be written
*/

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
problem(Writer* const w, const size_t triple, const char* const fmt, ...)
{
  w->status = w->status ? w->status : KG_BAD_DATA;
  if (++w->n_problems > MAX_PROBLEMS) {
    return;
  }

  va_list args;
  va_start(args, fmt);
  kg_vlog(&w->options->log,
          KG_LOG_ERROR,
          kg_graph_caret(w->graph, triple),
          fmt,
          args);
  va_end(args);
}

static const char*
quoted(Writer* const w, const KgStringView text)
{
  kg_buffer_clear(&w->scratch);
  if (kg_buffer_append_quoted(&w->scratch, text, 120U)) {
    w->status = KG_BAD_ALLOC;
    return "";
  }
  return w->scratch.data ? w->scratch.data : "";
}

/// Check that term `id` of triple `i` holds only XML characters.
static void
check_chars(Writer* const  w,
            const size_t   i,
            const KgTermId id,
            uint8_t* const seen)
{
  const KgTerm* const t = kg_terms_get(&w->graph->terms, id);
  if (seen[id] || t->kind == KG_TERM_BLANK) {
    return;
  }

  seen[id]               = 1U;
  const KgStringView txt = {t->str, t->len};
  const uint32_t     c   = bad_xml_char(txt);
  if (c) {
    problem(w,
            i,
            "%s '%s' holds U+%04X, which XML 1.0 cannot carry",
            t->kind == KG_TERM_IRI ? "IRI" : "literal",
            quoted(w, txt),
            c == 0x110000U ? 0U : (unsigned)c);
  }
}

/// Check every triple before writing anything; report every problem.
static void
check_graph(Writer* const w)
{
  uint8_t* const seen = (uint8_t*)kg_calloc(w->graph->terms.n_terms, 1U);
  if (!seen) {
    w->status = KG_BAD_ALLOC;
    return;
  }

  for (size_t i = 0U; i < w->graph->n_triples && w->status != KG_BAD_ALLOC;
       ++i) {
    const KgTriple* const t = &w->graph->triples[i];
    if (!(seen[t->p] & 2U)) {
      seen[t->p] |= 2U;
      const KgStringView iri = kg_terms_text(&w->graph->terms, t->p);
      if (qname_of(w, t->p) < 0) {
        problem(w,
                i,
                "predicate '%s' has no XML QName: RDF/XML cannot write it",
                quoted(w, iri));
      } else if (!is_property_name(iri)) {
        problem(w,
                i,
                "predicate '%s' cannot be a property element in RDF/XML",
                quoted(w, iri));
      }
    }

    check_chars(w, i, t->s, seen);
    check_chars(w, i, t->p, seen);
    check_chars(w, i, t->o, seen);
    if (kg_kind(w->graph, t->o) == KG_TERM_LITERAL) {
      check_chars(w, i, kg_term_datatype(w->graph, t->o), seen);
    }
  }

  if (w->n_problems > MAX_PROBLEMS) {
    kg_log(&w->options->log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "%u more triples RDF/XML cannot write",
           w->n_problems - MAX_PROBLEMS);
  }
  kg_free(seen);
}

/*
  Typed node elements
*/

/// Return true iff IRI `id` may name a typed node element.
static bool
is_node_name(Writer* const w, const KgTermId id)
{
  const KgStringView iri = kg_terms_text(&w->graph->terms, id);
  return kg_kind(w->graph, id) == KG_TERM_IRI && qname_of(w, id) >= 0 &&
         is_property_name(iri) && !kg_sv_equals(iri, KG_SV(RDF "Description"));
}

/**
   Choose the type that names the element of subject `s`: the most specific
   class the ontology knows (no other type of `s` is a subclass of it), else
   the smallest IRI that has a QName; the smallest IRI among equals.
*/
static KgTermId
choose_type(Writer* const w, const KgTermId s)
{
  const KgLayout* const l          = &w->layout;
  KgTermId              best       = KG_NO_TERM;
  bool                  known_best = false;
  for (uint32_t i = 0U; i < l->count[s]; ++i) {
    const KgTriple* const t = kg_layout_triple(l, s, i);
    if (t->p != l->rdf_type) {
      break; // Types come first
    }
    if (!is_node_name(w, t->o)) {
      continue;
    }

    const KgStringView iri     = kg_terms_text(&w->graph->terms, t->o);
    const bool         known   = kg_vocab_is_class(&w->vocab, iri);
    bool               general = false;
    for (uint32_t j = 0U; known && j < l->count[s] && !general; ++j) {
      const KgTriple* const u = kg_layout_triple(l, s, j);
      if (u->p != l->rdf_type) {
        break;
      }
      general = u->o != t->o && kg_kind(w->graph, u->o) == KG_TERM_IRI &&
                kg_vocab_is_ancestor(
                  &w->vocab, kg_terms_text(&w->graph->terms, u->o), iri);
    }

    // Types come in order: the first candidate of each rank is the smallest
    if (!general && (!best || (known && !known_best))) {
      best       = t->o;
      known_best = known;
    }
  }
  return best;
}

/*
  XML literals
*/

static int
visible_in_wrapper(void* const user_data, xmlNodePtr node, xmlNodePtr parent)
{
  const xmlNodePtr wrapper = (xmlNodePtr)user_data;
  if (node == wrapper) {
    return 0;
  }

  // Namespace nodes come with their element as parent
  for (xmlNodePtr n = (node && node->type == XML_NAMESPACE_DECL) ? parent
                                                                 : node;
       n;
       n = n->parent) {
    if (n->parent == wrapper) {
      return 1;
    }
  }
  return 0;
}

/**
   Return true iff `text` is well-formed XML content already in exclusive
   canonical form, as rdf:parseType="Literal" would read it back.
*/
static bool
is_canonical_xml(const KgStringView text)
{
  static const char open[]  = "<kgraph-literal>";
  static const char close[] = "</kgraph-literal>";

  KgBuffer doc = KG_BUFFER_INIT;
  if (kg_buffer_append(&doc, open, sizeof(open) - 1U) ||
      kg_buffer_append_sv(&doc, text) ||
      kg_buffer_append(&doc, close, sizeof(close) - 1U) ||
      doc.len > INT32_MAX) {
    kg_buffer_fini(&doc);
    return false;
  }

  bool                   ok   = false;
  const xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  const xmlDocPtr        xdoc =
    ctxt ? xmlCtxtReadMemory(ctxt,
                             doc.data,
                             (int)doc.len,
                             NULL,
                             "UTF-8",
                             XML_PARSE_NONET | XML_PARSE_NOERROR |
                               XML_PARSE_NOWARNING)
                : NULL;
  if (xdoc && ctxt->wellFormed && ctxt->nsWellFormed) {
    xmlOutputBufferPtr out = xmlAllocOutputBuffer(NULL);
    if (out && xmlC14NExecute(xdoc,
                              visible_in_wrapper,
                              xmlDocGetRootElement(xdoc),
                              XML_C14N_EXCLUSIVE_1_0,
                              NULL,
                              0,
                              out) >= 0) {
      const xmlChar* const content = xmlOutputBufferGetContent(out);
      const size_t         len     = xmlOutputBufferGetSize(out);
      ok = len == text.len && (!len || !memcmp(content, text.data, len));
    }
    xmlOutputBufferClose(out);
  }

  xmlFreeDoc(xdoc);
  xmlFreeParserCtxt(ctxt);
  kg_buffer_fini(&doc);
  return ok;
}

/*
  Writing
*/

static void
check_xml(Writer* const w, const int r)
{
  if (r < 0 && !w->status) {
    // xmlTextWriter returns -1 when it cannot write and when it cannot
    // allocate, and does not always say which: unless the stream failed,
    // it was memory
    w->status =
      (w->no_memory || !w->write_failed) ? KG_BAD_ALLOC : KG_BAD_WRITE;
  }
}

/// Take an error that libxml2 raises while writing: it prints nothing, and
/// an allocation failure is told apart from a write error.
static void
on_xml_error(void* const user, xmlErrorPtr const error)
{
  Writer* const w = (Writer*)user;
  if (error && error->code == XML_ERR_NO_MEMORY) {
    w->no_memory = true;
  }
}

/// Take a message of libxml2's generic error handler, and print nothing.
static void
on_generic_error(void* const user, const char* const msg, ...)
{
  (void)user;
  (void)msg;
}

static void
start(Writer* const w, const char* const name)
{
  check_xml(w, xmlTextWriterStartElement(w->xml, (const xmlChar*)name));
}

static void
attribute(Writer* const w, const char* const name, const KgStringView value)
{
  // The value is NUL-terminated (term text, or a buffer)
  check_xml(w,
            xmlTextWriterWriteAttribute(
              w->xml, (const xmlChar*)name, (const xmlChar*)value.data));
}

static void
end(Writer* const w)
{
  check_xml(w, xmlTextWriterEndElement(w->xml));
}

static void
node_id(Writer* const w, const KgTermId id)
{
  kg_buffer_clear(&w->scratch);
  if (kg_buffer_printf(
        &w->scratch, "b%u", kg_order_blank_index(&w->layout.order, id))) {
    w->status = KG_BAD_ALLOC;
    return;
  }
  attribute(w, "rdf:nodeID", kg_buffer_view(&w->scratch));
}

static void
write_node(Writer* w, KgTermId s, bool nested);

static void
write_text(Writer* const w, const KgStringView text)
{
  if (text.len) {
    check_xml(w, xmlTextWriterWriteString(w->xml, (const xmlChar*)text.data));
  }
}

static void
write_literal(Writer* const w, const KgTermId o)
{
  const KgTerm* const t    = kg_terms_get(&w->graph->terms, o);
  const KgStringView  text = {t->str, t->len};
  if (t->lang) {
    attribute(w, "xml:lang", w->graph->terms.langs[t->lang]);
    write_text(w, text);
  } else if (t->aux == w->rdf_xml_literal && is_canonical_xml(text)) {
    attribute(w, "rdf:parseType", KG_SV("Literal"));
    check_xml(w,
              xmlTextWriterWriteRawLen(
                w->xml, (const xmlChar*)text.data, (int)text.len));
  } else {
    if (t->aux != w->graph->xsd_string) {
      attribute(w, "rdf:datatype", kg_terms_text(&w->graph->terms, t->aux));
    }
    write_text(w, text);
  }
}

/**
   Write the object `o` of a property element that is open.

   write_object() and write_node() recurse once for each level of nesting,
   and the layout nests at most KG_LAYOUT_MAX_NEST levels (deeper nodes
   stand at the top with an rdf:nodeID, as does each rest of a list of
   literals): so the recursion, and the indentation, are bounded by that
   constant whatever the graph.
*/
static void
write_object(Writer* const w, const KgTermId o)
{
  KgLayout* const l = &w->layout;
  switch (kg_kind(w->graph, o)) {
  case KG_TERM_IRI:
    attribute(w, "rdf:resource", kg_terms_text(&w->graph->terms, o));
    return;
  case KG_TERM_LITERAL:
    write_literal(w, o);
    return;
  case KG_TERM_BLANK:
    break;
  case KG_TERM_NONE:
    return;
  }

  if (!kg_layout_nest(l, o)) {
    node_id(w, o);
  } else if (kg_layout_is_list(l, o)) {
    attribute(w, "rdf:parseType", KG_SV("Collection"));
    for (KgTermId node = o; node != l->rdf_nil && !w->status;) {
      KgTermId       rest = KG_NO_TERM;
      const KgTermId item = kg_layout_list_item(l, node, &rest);
      if (kg_is_blank(w->graph, item) && kg_layout_nest(l, item)) {
        write_node(w, item, true);
      } else {
        start(w, "rdf:Description");
        if (kg_is_blank(w->graph, item)) {
          node_id(w, item);
        } else {
          attribute(w, "rdf:about", kg_terms_text(&w->graph->terms, item));
        }
        end(w);
      }
      node = rest;
    }
  } else if (!l->count[o]) {
    attribute(w, "rdf:parseType", KG_SV("Resource"));
  } else {
    write_node(w, o, true);
  }
}

static void
write_node(Writer* const w, const KgTermId s, const bool nested)
{
  const KgLayout* const l    = &w->layout;
  const KgTermId        type = w->plain ? KG_NO_TERM : w->node_type[s];
  start(w, type ? qname(w, type) : "rdf:Description");
  if (!kg_is_blank(w->graph, s)) {
    attribute(w, "rdf:about", kg_terms_text(&w->graph->terms, s));
  } else if (!nested && l->in_count[s]) {
    node_id(w, s);
  }

  bool type_done = false;
  for (uint32_t i = 0U; i < l->count[s] && !w->status; ++i) {
    const KgTriple* const t = kg_layout_triple(l, s, i);
    if (t->p == l->rdf_type && t->o == type && !type_done) {
      type_done = true; // Said by the element's name
      continue;
    }

    start(w, qname(w, t->p));
    write_object(w, t->o);
    end(w);
  }
  end(w);
}

static int
compare_ns_iri(const void* const a, const void* const b)
{
  return kg_sv_compare(((const Namespace*)a)->iri, ((const Namespace*)b)->iri);
}

static int
compare_ns_prefix(const void* const a, const void* const b)
{
  return kg_sv_compare(((const Namespace*)a)->prefix,
                       ((const Namespace*)b)->prefix);
}

/// Mark the namespaces used, name the generated ones, and declare them.
static void
declare_namespaces(Writer* const w)
{
  for (size_t i = 0U; i < w->graph->n_triples; ++i) {
    const KgTriple* const t       = &w->graph->triples[i];
    w->ns[qname_of(w, t->p)].used = true;
  }
  for (KgTermId id = 1U; id < w->graph->terms.n_terms; ++id) {
    if (w->node_type[id]) {
      w->ns[qname_of(w, w->node_type[id])].used = true;
    }
  }

  // Generated namespaces get ns1, ns2, ... in the order of their IRIs, with
  // names nothing else has
  Namespace* const sorted =
    (Namespace*)kg_reallocarray(NULL, w->n_ns, sizeof(Namespace));
  if (!sorted) {
    w->status = KG_BAD_ALLOC;
    return;
  }

  size_t n_sorted = 0U;
  for (size_t i = 0U; i < w->n_ns; ++i) {
    if (w->ns[i].used) {
      sorted[n_sorted++] = w->ns[i];
    }
  }
  if (n_sorted) {
    qsort(sorted, n_sorted, sizeof(Namespace), compare_ns_iri);
  }

  // Names live in one buffer: note offsets first, make views at the end
  size_t* offsets =
    (size_t*)kg_calloc(n_sorted ? n_sorted : 1U, sizeof(size_t));
  unsigned next = 1U;
  for (size_t i = 0U; offsets && i < n_sorted && !w->status; ++i) {
    if (!sorted[i].generated) {
      continue;
    }

    bool taken = true;
    while (taken) {
      kg_buffer_clear(&w->scratch);
      if (kg_buffer_printf(&w->scratch, "ns%u", next++)) {
        w->status = KG_BAD_ALLOC;
        break;
      }
      // Known prefix names are in the index as blank nodes
      taken =
        kg_terms_find(
          &w->ns_iris, KG_TERM_BLANK, kg_buffer_view(&w->scratch), 0U, 0U) !=
        KG_NO_TERM;
    }

    offsets[i] = w->names.len;
    if (kg_buffer_append(&w->names, w->scratch.data, w->scratch.len + 1U)) {
      w->status = KG_BAD_ALLOC;
    }
  }

  for (size_t i = 0U; offsets && i < n_sorted && !w->status; ++i) {
    if (sorted[i].generated) {
      sorted[i].prefix = kg_sv(w->names.data + offsets[i]);
      // The same namespace in w->ns gets the name too
      const int32_t j = find_namespace(w, sorted[i].iri);
      if (j >= 0) {
        w->ns[j].prefix = sorted[i].prefix;
      }
    }
  }

  if (!offsets) {
    w->status = KG_BAD_ALLOC;
  }

  // Declare them by prefix name, rdf first as the root needs it
  if (n_sorted) {
    qsort(sorted, n_sorted, sizeof(Namespace), compare_ns_prefix);
  }
  attribute(w, "xmlns:rdf", KG_SV(RDF));
  for (size_t i = 0U; i < n_sorted && !w->status; ++i) {
    if (!kg_sv_equals(sorted[i].iri, KG_SV(RDF))) {
      kg_buffer_clear(&w->scratch);
      if (kg_buffer_printf(&w->scratch,
                           "xmlns:%.*s",
                           (int)sorted[i].prefix.len,
                           sorted[i].prefix.data)) {
        w->status = KG_BAD_ALLOC;
        break;
      }
      // The IRI view is NUL-terminated only for term strings: copy it
      KgBuffer iri = KG_BUFFER_INIT;
      if (kg_buffer_append_sv(&iri, sorted[i].iri)) {
        w->status = KG_BAD_ALLOC;
        break;
      }
      check_xml(w,
                xmlTextWriterWriteAttribute(w->xml,
                                            (const xmlChar*)w->scratch.data,
                                            (const xmlChar*)iri.data));
      kg_buffer_fini(&iri);
    }
  }

  kg_free(offsets);
  kg_free(sorted);
}

static int
write_to_stream(void* const context, const char* const buffer, const int len)
{
  Writer* const w = (Writer*)context;
  if (len <= 0) {
    return 0;
  }
  if (fwrite(buffer, 1U, (size_t)len, w->stream) != (size_t)len) {
    w->write_failed = true;
    return -1;
  }
  return len;
}

static int
close_stream(void* const context)
{
  (void)context;
  return 0;
}

static KgStatus
writer_init(Writer* const               w,
            const KgGraph* const        graph,
            FILE* const                 stream,
            const KgWriteOptions* const options)
{
  memset(w, 0, sizeof(*w));
  w->graph   = graph;
  w->options = options;
  w->stream  = stream;
  w->plain   = (options->flags & KG_WRITE_PLAIN) != 0U;
  kg_vocab_init(&w->vocab, KG_SV(""));

  KgStatus st = kg_layout_init(&w->layout,
                               graph,
                               KG_LAYOUT_TYPE_FIRST | KG_LAYOUT_RESOURCE_LISTS |
                                 (w->plain ? KG_LAYOUT_NO_NESTING : 0U));
  if (st) {
    return st;
  }

  const size_t n_ids = graph->terms.n_terms;
  w->qname           = (int32_t*)kg_reallocarray(NULL, n_ids, sizeof(int32_t));
  w->node_type       = (KgTermId*)kg_calloc(n_ids, sizeof(KgTermId));
  w->qname_at        = (uint32_t*)kg_calloc(n_ids, sizeof(uint32_t));
  if (!w->qname || !w->node_type || !w->qname_at ||
      kg_terms_init(&w->ns_iris, kg_hash_seed())) {
    return KG_BAD_ALLOC;
  }
  for (size_t i = 0U; i < n_ids; ++i) {
    w->qname[i] = QNAME_UNKNOWN;
  }

  // Candidate namespaces: rdf, always declared on the root, then the
  // graph's, the ontology's and the well-known ones, but no other name for
  // rdf's namespace and no other namespace named rdf
  KgNamespaces known;
  if ((st = kg_namespaces_init(
         &known, graph, options->ontology, is_prefix_name))) {
    return st;
  }
  st = add_namespace(w, KG_SV("rdf"), KG_SV(RDF), false);
  for (size_t i = 0U; i < known.n && !st; ++i) {
    if (!kg_sv_equals(known.ns[i].prefix, KG_SV("rdf")) &&
        !kg_sv_equals(known.ns[i].iri, KG_SV(RDF))) {
      st = add_namespace(w, known.ns[i].prefix, known.ns[i].iri, false);
    }
  }
  kg_namespaces_fini(&known);
  w->n_known = w->n_ns;
  if (st || (st = find_known_lengths(w))) {
    return st;
  }

  if ((st = kg_vocab_add(&w->vocab, graph, false)) ||
      (options->ontology &&
       (st = kg_vocab_add(&w->vocab, options->ontology, false)))) {
    return st;
  }
  kg_vocab_finish(&w->vocab);

  w->rdf_xml_literal = kg_graph_find_iri(graph, KG_SV(RDF "XMLLiteral"));
  return KG_SUCCESS;
}

static void
writer_fini(Writer* const w)
{
  if (w->xml) {
    xmlFreeTextWriter(w->xml);
  }
  kg_buffer_fini(&w->names);
  kg_buffer_fini(&w->scratch);
  kg_vocab_fini(&w->vocab);
  kg_free(w->node_type);
  kg_free(w->qname_at);
  kg_buffer_fini(&w->qnames);
  kg_free(w->qname);
  kg_free(w->ns_lens);
  kg_free(w->ns_index);
  kg_terms_fini(&w->ns_iris);
  kg_free(w->ns);
  kg_layout_fini(&w->layout);
}

KgStatus
kg_write_rdfxml(const KgGraph* const        graph,
                FILE* const                 stream,
                const KgWriteOptions* const options)
{
  Writer   w;
  KgStatus st = writer_init(&w, graph, stream, options);

  // libxml2 reports errors to handlers of the thread: take them while
  // writing, then restore them (as the reader does)
  const xmlStructuredErrorFunc old_structured     = xmlStructuredError;
  void* const                  old_structured_ctx = xmlStructuredErrorContext;
  const xmlGenericErrorFunc    old_generic        = xmlGenericError;
  void* const                  old_generic_ctx    = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc(&w, on_xml_error);
  xmlSetGenericErrorFunc(&w, on_generic_error);
  if (!st) {
    check_graph(&w);
    st = w.status;
  }

  if (!st && !w.plain) {
    for (KgTermId s = 1U; s < graph->terms.n_terms; ++s) {
      if (w.layout.count[s]) {
        w.node_type[s] = choose_type(&w, s);
      }
    }
    st = w.status;
  }

  xmlOutputBufferPtr out =
    st ? NULL
       : xmlOutputBufferCreateIO(write_to_stream, close_stream, &w, NULL);
  if (!st && (!out || !(w.xml = xmlNewTextWriter(out)))) {
    if (out && !w.xml) {
      xmlOutputBufferClose(out);
    }
    st = KG_BAD_ALLOC;
  }

  if (!st) {
    xmlTextWriterSetIndent(w.xml, 1);
    xmlTextWriterSetIndentString(w.xml, (const xmlChar*)"  ");
    check_xml(&w, xmlTextWriterStartDocument(w.xml, NULL, "UTF-8", NULL));
    start(&w, "rdf:RDF");
    declare_namespaces(&w);

    for (KgTermId s = KG_NO_TERM;
         !w.status && (s = kg_layout_next_root(&w.layout));) {
      write_node(&w, s, false);
    }

    end(&w);
    check_xml(&w, xmlTextWriterEndDocument(w.xml));
    check_xml(&w, xmlTextWriterFlush(w.xml));
    st = w.status;
    if (!st && fflush(stream)) {
      st = KG_BAD_WRITE;
    }
  }

  writer_fini(&w);
  xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
  xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
  return st;
}
