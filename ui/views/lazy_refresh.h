// Refresh a view only while it is on screen: a hidden view (a dock behind
// another tab) marks itself stale and catches up when shown again, so an
// edit never pays for views nobody sees.
#pragma once

#include <functional>
#include <utility>

namespace attn::ui {

class LazyRefresh {
public:
    explicit LazyRefresh(std::function<void()> refresh) : m_refresh(std::move(refresh)) {}

    void request() {
        if (m_shown) m_refresh();
        else m_stale = true;
    }
    void setShown(bool shown) {
        m_shown = shown;
        if (shown && m_stale) {
            m_stale = false;
            m_refresh();
        }
    }

private:
    std::function<void()> m_refresh;
    bool m_shown = true;
    bool m_stale = false;
};

}  // namespace attn::ui
