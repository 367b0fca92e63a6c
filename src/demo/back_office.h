// The month's records that do not come from chats: shifts, tests and ratings, QA reviews,
// incidents and supervisors' notes.
#pragma once

#include "demo/context.h"

namespace csperf::demo {

void WriteAttendance(DemoContext& c);
void WriteAssessments(DemoContext& c);
void WriteQaReviews(DemoContext& c);
void WriteIncidents(DemoContext& c);
void WriteWorkRecords(DemoContext& c);

}  // namespace csperf::demo
