#include "io/byte_masks.h"

#include <cstddef>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define CSPERF_X86_VECTORS 1
#endif

namespace csperf {
namespace {

constexpr size_t kBlockBytes = 64;

#if CSPERF_X86_VECTORS
ByteMasks Sse2Masks(const unsigned char* p) {
  ByteMasks m;
  for (size_t k = 0; k < 4; ++k) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    auto equal = [&](char b) {
      return static_cast<uint64_t>(
          static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(b)))));
    };
    // A signed compare: bytes from 0x80 up are negative, so they are taken out again.
    const auto high = static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(x)));
    const auto below = static_cast<uint64_t>(
        static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)))));
    const uint64_t line_feed = equal('\n');
    const uint64_t control = below & ~high & ~equal('\t') & ~line_feed;
    const size_t shift = 16 * k;
    m.commas |= equal(',') << shift;
    m.newlines |= line_feed << shift;
    m.stops |= (control | equal('"') | equal(0x7F)) << shift;
  }
  return m;
}

// One load, and each compare straight into a 64-bit mask. No lambdas: they would not carry
// the target attribute.
__attribute__((target("avx512bw"))) ByteMasks Avx512Masks(const unsigned char* p) {
  const __m512i x = _mm512_loadu_si512(p);
  const uint64_t line_feed = _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8('\n'));
  const uint64_t tab = _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8('\t'));
  const uint64_t control = _mm512_cmplt_epu8_mask(x, _mm512_set1_epi8(0x20)) & ~tab & ~line_feed;
  ByteMasks m;
  m.commas = _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8(','));
  m.newlines = line_feed;
  m.stops = control | _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8('"')) |
            _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8(0x7F));
  return m;
}

constexpr bool kVectors = true;
bool HasAvx512() {
  static const bool has = __builtin_cpu_supports("avx512bw") != 0;
  return has;
}
#else
constexpr bool kVectors = false;
ByteMasks Sse2Masks(const unsigned char* p) { return MaskBlockByBytes(p); }
ByteMasks Avx512Masks(const unsigned char* p) { return MaskBlockByBytes(p); }
bool HasAvx512() { return false; }
#endif

}  // namespace

ByteMasks MaskBlockByBytes(const unsigned char* p) {
  ByteMasks m;
  for (size_t i = 0; i < kBlockBytes; ++i) {
    const unsigned char b = p[i];
    const uint64_t bit = uint64_t{1} << i;
    if (b == ',') m.commas |= bit;
    if (b == '\n') m.newlines |= bit;
    if ((b < 0x20 && b != '\t' && b != '\n') || b == '"' || b == 0x7F) m.stops |= bit;
  }
  return m;
}

bool MaskBlockSse2(const unsigned char* p, ByteMasks* out) {
  if (!kVectors) return false;
  *out = Sse2Masks(p);
  return true;
}

bool MaskBlockAvx512(const unsigned char* p, ByteMasks* out) {
  if (!HasAvx512()) return false;
  *out = Avx512Masks(p);
  return true;
}

ByteMasks MaskBlock(const unsigned char* p) {
  if (HasAvx512()) return Avx512Masks(p);
  return kVectors ? Sse2Masks(p) : MaskBlockByBytes(p);
}

}  // namespace csperf
