// Where the bytes that matter to a CSV line lie in a block of 64: a bit per byte. The part
// reader (csv_parts.h) splits plain lines from these masks instead of looking at every byte.
#pragma once

#include <cstdint>

namespace csperf {

struct ByteMasks {
  uint64_t commas = 0;
  uint64_t newlines = 0;  // line feeds
  // Bytes a plain line cannot hold as they are: a quote, DEL, or a control character other
  // than TAB and LF (a CR among them: CRLF is looked at where it is found).
  uint64_t stops = 0;
};

// The masks of the 64 bytes at `p`, with the widest vector instructions this processor has
// (AVX-512, else SSE2, else a byte at a time). Bit i is byte p[i].
ByteMasks MaskBlock(const unsigned char* p);

// Each way of computing them, for tests: every one must give what the byte loop gives. Those
// this build or processor lacks return false.
ByteMasks MaskBlockByBytes(const unsigned char* p);
bool MaskBlockSse2(const unsigned char* p, ByteMasks* out);
bool MaskBlockAvx512(const unsigned char* p, ByteMasks* out);

}  // namespace csperf
