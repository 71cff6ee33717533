// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_XSD_H
#define KG_SRC_XSD_H

#include <kgraph/status.h>

#include <stdbool.h>

/// The result of checking a lexical form.
typedef enum {
  KG_XSD_VALID,   ///< In the lexical space of the datatype
  KG_XSD_INVALID, ///< Not in the lexical space
  KG_XSD_UNKNOWN, ///< Not a datatype this module knows
} KgXsdResult;

/**
   Check `lexical` against the datatype with IRI `datatype`, a full IRI such
   as "http://www.w3.org/2001/XMLSchema#date".

   The known datatypes are the XML Schema 1.1 ones that RDF 1.1 Concepts
   (section 5.1) lists as suitable for RDF, from xsd:string to
   xsd:dateTimeStamp.  Any other IRI gives KG_XSD_UNKNOWN, including
   rdf:langString, rdf:HTML, rdf:XMLLiteral, rdf:PlainLiteral, and the XSD
   types that RDF leaves out (xsd:QName, xsd:ID, xsd:NMTOKENS...) or that
   have no lexical space of their own (xsd:anyType, xsd:anySimpleType,
   xsd:anyAtomicType).

   No whitespace is stripped: a lexical form that XML Schema would collapse
   first, like " 1" for xsd:integer, is invalid in RDF.

   `lexical` may hold any bytes, NUL included, and should be valid UTF-8.
   Nothing is allocated.

   @param why If not NULL and the result is KG_XSD_INVALID, set to a static,
   short, lower-case English reason without final period, such as "month 13
   is out of range".  Otherwise left alone.
*/
KgXsdResult
kg_xsd_check(KgStringView datatype, KgStringView lexical, const char** why);

/**
   Return true iff the datatype with IRI `derived` is the one with IRI `base`,
   or derived from it by restriction in XML Schema 1.1.

   For example, xsd:int comes from xsd:long, xsd:integer, xsd:decimal and
   xsd:anyAtomicType; xsd:language from xsd:token, xsd:normalizedString and
   xsd:string.  The known datatypes are those of kg_xsd_check(), and
   xsd:anyAtomicType, xsd:anySimpleType and xsd:anyType above them.  An IRI
   that is not a known datatype is derived only from itself.
*/
bool
kg_xsd_is_derived(KgStringView derived, KgStringView base);

#endif // KG_SRC_XSD_H
