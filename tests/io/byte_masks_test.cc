// The masks the part reader splits lines by: every way of computing them (byte loop, SSE2,
// AVX-512 where the processor has it) must mark the same bytes.
#include "io/byte_masks.h"

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <string>

namespace csperf {
namespace {

void ExpectEveryWayAgrees(const unsigned char* block) {
  const ByteMasks expected = MaskBlockByBytes(block);
  ByteMasks got;
  if (MaskBlockSse2(block, &got)) {
    EXPECT_EQ(got.commas, expected.commas);
    EXPECT_EQ(got.newlines, expected.newlines);
    EXPECT_EQ(got.stops, expected.stops);
  }
  if (MaskBlockAvx512(block, &got)) {
    EXPECT_EQ(got.commas, expected.commas);
    EXPECT_EQ(got.newlines, expected.newlines);
    EXPECT_EQ(got.stops, expected.stops);
  }
  got = MaskBlock(block);
  EXPECT_EQ(got.commas, expected.commas);
  EXPECT_EQ(got.newlines, expected.newlines);
  EXPECT_EQ(got.stops, expected.stops);
}

TEST(ByteMasksTest, AHandMarkedBlock) {
  // Offsets: ',' at 1 and 63; LF at 5; TAB at 2 (text); CR at 4, '"' at 6, DEL at 7 and
  // 0x01 at 8 stop a plain line; 0x80 and 0xE5 (parts of UTF-8 characters) at 9 and 10 do not.
  std::array<unsigned char, 64> block;
  block.fill('a');
  block[1] = ',';
  block[2] = '\t';
  block[4] = '\r';
  block[5] = '\n';
  block[6] = '"';
  block[7] = 0x7F;
  block[8] = 0x01;
  block[9] = 0x80;
  block[10] = 0xE5;
  block[63] = ',';
  const ByteMasks m = MaskBlockByBytes(block.data());
  EXPECT_EQ(m.commas, (uint64_t{1} << 1) | (uint64_t{1} << 63));
  EXPECT_EQ(m.newlines, uint64_t{1} << 5);
  EXPECT_EQ(m.stops,
            (uint64_t{1} << 4) | (uint64_t{1} << 6) | (uint64_t{1} << 7) | (uint64_t{1} << 8));
  ExpectEveryWayAgrees(block.data());
}

TEST(ByteMasksTest, EveryByteValueInEveryLane) {
  // Each of the 256 byte values at each of the 64 offsets, among neighbours that vary too.
  std::array<unsigned char, 64> block;
  for (int value = 0; value < 256; ++value) {
    for (size_t at = 0; at < block.size(); ++at) {
      for (size_t i = 0; i < block.size(); ++i) {
        block[i] = static_cast<unsigned char>((i * 37 + static_cast<size_t>(value)) & 0xFF);
      }
      block[at] = static_cast<unsigned char>(value);
      ExpectEveryWayAgrees(block.data());
      if (::testing::Test::HasFailure()) return;
    }
  }
}

}  // namespace
}  // namespace csperf
