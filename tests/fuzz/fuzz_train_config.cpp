// libFuzzer: any bytes as a training setup — a JSON object with a task, a model
// config and the training options, as `attentionlab train` reads them. Only
// attn::Error may come out; a setup that is accepted trains one step to a
// finite loss or reports divergence.
#include "learn/trainer.h"
#include "base/json_util.h"

#include <cmath>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const nlohmann::json j = attn::parse_json_strict(std::string(reinterpret_cast<const char*>(data), size), "setup");
        if (!j.is_object()) return 0;
        const auto task = attn::make_task(j.value("task", std::string("copy")));
        attn::Config config = task->defaults().config;
        if (j.contains("config")) {
            config = attn::parse_config(j["config"].dump());
            if (config.vocab.empty()) config.vocab = task->defaults().config.vocab;
        }
        task->check_config(config);
        if (config.d_model * config.dim_feedforward > 1 << 16 || config.num_encoder_layers + config.num_decoder_layers > 6) return 0;
        attn::TrainOptions o = attn::default_train_options(*task);
        o.optimizer.lr = j.value("lr", o.optimizer.lr);
        o.batch_size = std::min(j.value("batch_size", 2), 4);
        o.steps = j.value("steps", 1);
        o.seed = j.value("seed", 0u);
        attn::check_train_options(*task, o);
        attn::Trainer trainer(*task, attn::make_model(config), o);
        const attn::StepResult r = trainer.step();
        if (!r.diverged && !std::isfinite(r.loss)) std::abort();
    } catch (const attn::Error&) {
    } catch (const nlohmann::json::exception&) {
    }
    return 0;
}
