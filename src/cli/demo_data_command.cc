#include <iostream>

#include "cli/commands.h"

namespace csperf::cli {

Command DemoDataCommand() {
  return {"demo-data",
          "生成演示数据 / write a realistic demo month with a manifest of what was planted",
          [](CLI::App* app) -> std::function<int()> {
            auto options = std::make_shared<demo::DemoOptions>();
            app->add_option("--out", options->out_dir, "folder to write into")->required();
            app->add_option("--agents", options->agents, "people in the team (default 20)");
            app->add_option("--messages", options->messages,
                            "about how many chat messages (default 200000)");
            app->add_option("--seed", options->seed, "random seed: the same seed, the same data");
            app->add_option("--month", options->month, "the month, e.g. 2024-01 (default)");
            return [options]() {
              auto result = TheService().DemoData(*options);
              if (!result.ok()) return ReportProblem(result.problem());
              std::cout << "demo data 演示数据 → " << options->out_dir << ": " << result->messages
                        << " messages, " << result->sessions << " sessions, " << result->orders
                        << " orders, " << result->cases << " cases; manifest.json lists what was "
                        << "planted\n";
              return 0;
            };
          }};
}

}  // namespace csperf::cli
