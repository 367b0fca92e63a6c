// The chats (metrics/chats.h): each customer's messages found again among runs, in input
// order, with their places in input order. Worked by hand.
#include "metrics/chats.h"

#include <gtest/gtest.h>

#include <vector>

namespace csperf::metrics {
namespace {

Message At(Instant at, Id customer, Sender sender, Id account = kNone) {
  return {at, customer, account, kNone, sender};
}

TEST(ChatsTest, EachCustomersMessagesInInputOrderWithTheirPlaces) {
  // Input order: c1 50, a bot 55 (counts nowhere), c0 60, c1's agent 70, c0 90, c2's system
  // message 95 (nowhere), c1 120. Chat messages numbered 0..4 in input order:
  //   0: c1 50, 1: c0 60, 2: c1 70, 3: c0 90, 4: c1 120.
  const std::vector<Message> messages = {
      At(50, 1, Sender::kCustomer),  At(55, 1, Sender::kBot),      At(60, 0, Sender::kCustomer),
      At(70, 1, Sender::kAgent, 7),  At(90, 0, Sender::kCustomer), At(95, 2, Sender::kSystem),
      At(120, 1, Sender::kCustomer),
  };
  const Chats chats = Chats::FromMessages(messages, 3);
  EXPECT_EQ(chats.customers(), 3u);
  EXPECT_EQ(chats.messages(), 5u);
  // Customers' messages before each: c0 has 2, c1 3, c2 none.
  EXPECT_EQ(chats.MessagesBefore(0), 0u);
  EXPECT_EQ(chats.MessagesBefore(1), 2u);
  EXPECT_EQ(chats.MessagesBefore(2), 5u);
  EXPECT_EQ(chats.MessagesBefore(3), 5u);
  EXPECT_TRUE(chats.PositionsOf(2).empty());

  std::vector<ChatMessage> scratch;
  const CustomerChat c1 = chats.Gather(1, &scratch);
  EXPECT_EQ(c1.customer, 1);
  ASSERT_EQ(c1.messages.size(), 3u);
  EXPECT_EQ(c1.messages[0].at, 50);
  EXPECT_EQ(c1.messages[1].at, 70);
  EXPECT_EQ(c1.messages[1].account(), 7);
  EXPECT_EQ(c1.messages[2].at, 120);
  EXPECT_EQ(std::vector<uint32_t>(c1.index.begin(), c1.index.end()),
            (std::vector<uint32_t>{0, 2, 4}));
  const CustomerChat c0 = chats.Gather(0, &scratch);
  ASSERT_EQ(c0.messages.size(), 2u);
  EXPECT_EQ(c0.messages[0].at, 60);
  EXPECT_EQ(c0.messages[1].at, 90);
  EXPECT_EQ(std::vector<uint32_t>(c0.index.begin(), c0.index.end()), (std::vector<uint32_t>{1, 3}));
}

}  // namespace
}  // namespace csperf::metrics
