#include "learn/optimizer.h"

#include <cmath>

namespace attn {

const char* to_string(OptimizerKind kind) { return kind == OptimizerKind::AdamW ? "adamw" : "sgd"; }

void Optimizer::step(StateDict& weights, const StateDict& gradients) {
    ++step_;
    const OptimizerOptions& o = options_;
    for (auto& [name, param] : weights) {
        auto g_it = gradients.find(name);
        if (g_it == gradients.end() || g_it->second.shape != param.shape) continue;
        const FloatBuffer& grad = g_it->second.data;
        FloatBuffer& p = param.data;
        const size_t n = p.size();
        if (o.kind == OptimizerKind::Sgd) {
            // torch.optim.SGD (dampening 0, no Nesterov): d_p = grad + wd·p; buf = d_p, then μ·buf + d_p; p −= lr·buf
            auto [buf_it, first] = first_.try_emplace(name);
            if (first) buf_it->second = Tensor(param.shape);
            FloatBuffer& buf = buf_it->second.data;
            const float wd = static_cast<float>(o.weight_decay), mu = static_cast<float>(o.momentum), lr = static_cast<float>(o.lr);
            for (size_t i = 0; i < n; ++i) {
                float d = grad[i];
                if (o.weight_decay != 0) d += wd * p[i];
                if (o.momentum != 0) {
                    buf[i] = first ? d : mu * buf[i] + d;
                    d = buf[i];
                }
                p[i] -= lr * d;
            }
            continue;
        }
        // torch.optim.AdamW, _single_tensor_adamw
        auto [m_it, fresh] = first_.try_emplace(name);
        if (fresh) m_it->second = Tensor(param.shape);
        auto [v_it, fresh_v] = second_.try_emplace(name);
        if (fresh_v) v_it->second = Tensor(param.shape);
        FloatBuffer& m = m_it->second.data;
        FloatBuffer& v = v_it->second.data;
        const double bias_correction1 = 1 - std::pow(o.beta1, static_cast<double>(step_));
        const double bias_correction2 = 1 - std::pow(o.beta2, static_cast<double>(step_));
        const float decay = static_cast<float>(1 - o.lr * o.weight_decay);          // param.mul_(1 - lr * weight_decay)
        const float b1 = static_cast<float>(o.beta1), one_minus_b1 = static_cast<float>(1 - o.beta1);
        const float b2 = static_cast<float>(o.beta2), one_minus_b2 = static_cast<float>(1 - o.beta2);
        const float step_size = static_cast<float>(o.lr / bias_correction1);        // lr / bias_correction1
        const float bc2_sqrt = static_cast<float>(std::sqrt(bias_correction2));
        const float eps = static_cast<float>(o.eps);
        for (size_t i = 0; i < n; ++i) {
            p[i] *= decay;
            m[i] = m[i] * b1 + one_minus_b1 * grad[i];                 // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
            v[i] = v[i] * b2 + one_minus_b2 * grad[i] * grad[i];       // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            const float denom = std::sqrt(v[i]) / bc2_sqrt + eps;      // (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
            p[i] += -step_size * (m[i] / denom);                        // param.addcdiv_(exp_avg, denom, value=-step_size)
        }
    }
}

}  // namespace attn
