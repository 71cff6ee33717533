// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Character classes shared by the syntaxes: ASCII letters and digits, and
// the name characters of XML 1.0 (fifth edition) which Turtle takes over
// for its names (PN_CHARS_BASE is NameStartChar without ':' and '_').

#ifndef KG_SRC_CHARS_H
#define KG_SRC_CHARS_H

#include <stdbool.h>
#include <stdint.h>

static inline bool
kg_is_alpha(const uint32_t c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static inline bool
kg_is_digit(const uint32_t c)
{
  return c >= '0' && c <= '9';
}

/// Return true iff `c` is a letter of XML NameStartChar or Turtle
/// PN_CHARS_BASE.
static inline bool
kg_is_name_letter(const uint32_t c)
{
  return kg_is_alpha(c) || (c >= 0xC0U && c <= 0xD6U) ||
         (c >= 0xD8U && c <= 0xF6U) || (c >= 0xF8U && c <= 0x2FFU) ||
         (c >= 0x370U && c <= 0x37DU) || (c >= 0x37FU && c <= 0x1FFFU) ||
         (c >= 0x200CU && c <= 0x200DU) || (c >= 0x2070U && c <= 0x218FU) ||
         (c >= 0x2C00U && c <= 0x2FEFU) || (c >= 0x3001U && c <= 0xD7FFU) ||
         (c >= 0xF900U && c <= 0xFDCFU) || (c >= 0xFDF0U && c <= 0xFFFDU) ||
         (c >= 0x10000U && c <= 0xEFFFFU);
}

/// Return true iff `c` may continue but not start a name: '-', '.', digits,
/// U+00B7, U+0300 to U+036F, U+203F and U+2040 (XML NameChar, Turtle PN_CHARS).
static inline bool
kg_is_name_continuation(const uint32_t c)
{
  return c == '-' || c == '.' || kg_is_digit(c) || c == 0xB7U ||
         (c >= 0x300U && c <= 0x36FU) || (c >= 0x203FU && c <= 0x2040U);
}

#endif // KG_SRC_CHARS_H
