// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/// @file shacl_values.h The tests of SHACL Core on one RDF term (values).
///
/// These are the leaves of the validator: whether a term has a datatype,
/// how two literals compare, a term's length, whether it matches a
/// pattern, whether a language tag is in a range, and whether two terms
/// (of two graphs) are the same.  Nothing here knows shapes or paths.

#ifndef KG_SRC_SHACL_VALUES_H
#define KG_SRC_SHACL_VALUES_H

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>

/**
   A term seen by its parts, whichever graph it comes from.

   The views borrow the graph's strings (valid until the graph is freed).
   A value may also be built by hand, with `graph` NULL and `id` 0 (then a
   blank node is the same as no other blank node).
*/
typedef struct {
  KgTermKind   kind;     ///< IRI, blank node or literal (NONE: no term)
  KgStringView text;     ///< IRI, blank node label, or lexical form
  KgStringView datatype; ///< A literal's datatype IRI (rdf:langString with a
                         ///< language), else empty
  KgStringView   lang;   ///< A literal's language tag (lower case), else empty
  const KgGraph* graph;  ///< The graph of `id`, or NULL
  KgTermId       id;     ///< The term in `graph`, or KG_NO_TERM
} KgShValue;

/**
   Return term `id` of `graph` by its parts.

   An id that is not a term of `graph` (KG_NO_TERM included) gives a value
   of kind KG_TERM_NONE with empty views, which no test below accepts.
*/
KgShValue
kg_sh_value(const KgGraph* graph, KgTermId id);

/**
   sh:datatype: return true iff `v` is a literal whose datatype IRI is
   `datatype` (byte for byte: an xsd:int is not an xsd:integer here) and
   whose lexical form is valid for it.

   Lexical forms are checked with kg_xsd_check() for the XSD datatypes it
   knows; a datatype it does not know (ex:myType, rdf:HTML...) accepts any
   lexical form.  rdf:langString needs a language tag, and a literal with a
   language tag has no other datatype.
*/
bool
kg_sh_has_datatype(KgShValue v, KgStringView datatype);

/// The order of two values (kg_sh_compare()).
typedef enum {
  KG_SH_LESS    = -1, ///< a < b
  KG_SH_EQUAL   = 0,  ///< a = b (as values: "01"^^xsd:int = "1.0"^^xsd:decimal)
  KG_SH_GREATER = 1,  ///< a > b
  KG_SH_INCOMPARABLE = 2, ///< Neither: different kinds of value, ill-typed,
                          ///< NaN, unknown timezone...
} KgShOrder;

/**
   sh:minExclusive, sh:minInclusive, sh:maxExclusive, sh:maxInclusive,
   sh:lessThan, sh:lessThanOrEquals: compare `a` with `b` as SPARQL's `<`
   and `=` do.

   - Numbers: every XSD numeric type with every other (xsd:decimal, and
     xsd:integer and the types derived from it, xsd:float, xsd:double).
     Two decimals or integers compare exactly, whatever their length; a
     float or a double against anything via doubles (a float is first
     rounded to float, as XPath promotes it).  NaN is incomparable, and
     -0 equals 0.
   - Dates and times of the same type with each other: xsd:dateTime (and
     xsd:dateTimeStamp), xsd:date, xsd:time, xsd:gYear, xsd:gYearMonth,
     xsd:gMonth, xsd:gDay, xsd:gMonthDay, by their first instant.
     Timezones as XML Schema's partial order: a value without timezone
     and one with compare only when they are more than 14 hours apart;
     two without compare as local times.  Years longer than 9 digits are
     incomparable.
   - Durations (xsd:duration and its two subtypes): by months when both
     have only years and months, by seconds when both have only days to
     seconds; otherwise only equal or incomparable (P1M and P30D are).
   - Strings (xsd:string and its derived types; not language-tagged) by
     code points.
   - Booleans: false < true.

   Anything else is KG_SH_INCOMPARABLE: IRIs, blank nodes, a lexical form
   that is not valid for its datatype, two values of different kinds
   (a string and a number), language-tagged strings, other datatypes.
*/
KgShOrder
kg_sh_compare(KgShValue a, KgShValue b);

/**
   sh:minLength, sh:maxLength: return the length of str(`v`) in code
   points (an IRI's or a lexical form's), or SIZE_MAX for a blank node or
   no term, which has no length and fails both constraints: test with
   kg_sh_has_min_length() and kg_sh_has_max_length(), not with `>=`.
*/
size_t
kg_sh_length(KgShValue v);

/// sh:minLength: true iff `v` is not a blank node and kg_sh_length() >= `min`.
bool
kg_sh_has_min_length(KgShValue v, size_t min);

/// sh:maxLength: true iff `v` is not a blank node and kg_sh_length() <= `max`.
bool
kg_sh_has_max_length(KgShValue v, size_t max);

/// The most steps one match of a pattern may take (PCRE2's match limit):
/// a tenth of a second or so.
#define KG_SH_MATCH_LIMIT 1000000U

/// The deepest backtracking of one match of a pattern (PCRE2's depth
/// limit): `^(a|b)*$` reaches it on about 240,000 characters.
#define KG_SH_DEPTH_LIMIT 250000U

/// The most memory, in KiB, that one match of a pattern may use for
/// backtracking (PCRE2's heap limit).
#define KG_SH_HEAP_LIMIT 65536U

/// A compiled sh:pattern with its sh:flags.
typedef struct KgShPatternImpl KgShPattern;

/**
   sh:pattern with sh:flags: compile `pattern` as XPath's fn:matches would,
   with PCRE2 (in UTF mode), after rewriting what PCRE2 reads otherwise:
   class subtraction [a-z-[aeiou]], blocks \p{IsBasicLatin}, and \s \S \w
   \W \i \I \c \C.

   The flags are those of XPath: `s` (dot matches newlines), `m` (^ and $
   at line ends), `i` (ignore case), `x` (whitespace outside character
   classes is removed from the pattern before compiling) and `q` (every
   character is literal; `i` still applies, the others do nothing).
   Without `m`, `$` matches only at the very end.  Where PCRE2's syntax
   differs from XPath's, see the comment at the top of shacl_values.c.

   @param out Set to the new pattern, to free with kg_sh_pattern_free().
   @param error On KG_BAD_SYNTAX, if not NULL, set to a NUL-terminated,
   lower-case reason of at most `error_size` bytes, such as "missing closing
   parenthesis at offset 4" (the offset in bytes of the pattern),
   "unknown Unicode block 'IsLatin' at offset 0" or "unknown flag 'g'".
   @return KG_SUCCESS, KG_BAD_SYNTAX (an unknown flag, or a pattern that
   does not compile), or KG_BAD_ALLOC.
*/
KG_NODISCARD KgStatus
kg_sh_pattern_new(KgStringView  pattern,
                  KgStringView  flags,
                  KgShPattern** out,
                  char*         error,
                  size_t        error_size);

/**
   Return true iff str(`v`) (an IRI's or a lexical form's) contains a match
   of `pattern`; a blank node or no term never matches.

   The pattern keeps its match data, so one pattern is not matched by two
   threads at once.

   @param status Set to KG_SUCCESS, KG_BAD_LIMIT if the match took more than
   KG_SH_MATCH_LIMIT steps, KG_SH_DEPTH_LIMIT levels or KG_SH_HEAP_LIMIT
   KiB (then the result is false and nothing is known), or KG_BAD_ALLOC.
*/
bool
kg_sh_pattern_matches(const KgShPattern* pattern,
                      KgShValue          v,
                      KgStatus*          status);

/// Free `pattern`; NULL does nothing.
void
kg_sh_pattern_free(KgShPattern* pattern);

/**
   sh:languageIn: return true iff language tag `lang` matches the basic
   language range `range`, as SPARQL's langMatches() (RFC 4647 section
   3.3.1): case-insensitively, `lang` equals `range` or starts with it
   followed by "-"; the range "*" matches every non-empty tag.  An empty
   `lang` (a literal with no language, or not a literal) matches nothing.
*/
bool
kg_sh_lang_matches(KgStringView lang, KgStringView range);

/**
   sh:hasValue, sh:in, sh:equals, sh:disjoint: return true iff `a` and `b`
   are the same RDF term, across two graphs: IRIs by their text, literals
   by lexical form, datatype IRI and language tag (case-insensitively), all
   byte for byte otherwise ("01"^^xsd:integer is not "1"^^xsd:integer).
   Blank nodes are the same only when both come from the same graph (same
   non-NULL `graph`) with the same `id`: a blank node of the shapes graph
   is never one of a different data graph.
*/
bool
kg_sh_same_term(KgShValue a, KgShValue b);

#endif // KG_SRC_SHACL_VALUES_H
