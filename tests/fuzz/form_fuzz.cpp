// libFuzzer target for the urlencoded form parser (src/http/form.cpp). Besides "no crash, no
// sanitizer report", it checks a property: whatever parses must survive a serialise/parse
// round trip unchanged, so the encoder and decoder agree on every byte.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/form.hpp"
#include "http/url_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    auto fields = danchu::http::parse_urlencoded(input);
    if (fields) {
        std::vector<danchu::http::FormFields::Item> items(fields->begin(), fields->end());
        auto again = danchu::http::parse_urlencoded(danchu::http::to_urlencoded(items));
        if (!again) std::abort();
        // Pairs with an empty key and value vanish on the way back ("=" → skipped), so compare
        // the non-empty ones.
        std::vector<danchu::http::FormFields::Item> a, b;
        for (const auto& it : items)
            if (!it.first.empty() || !it.second.empty()) a.push_back(it);
        for (const auto& it : *again)
            if (!it.first.empty() || !it.second.empty()) b.push_back(it);
        if (a != b) std::abort();
    }
    auto decoded = danchu::http::percent_decode(input, danchu::http::PlusAsSpace::No);
    if (decoded) {
        auto back = danchu::http::percent_decode(danchu::http::percent_encode(*decoded),
                                                 danchu::http::PlusAsSpace::No);
        if (!back || *back != *decoded) std::abort();
    }
    (void)danchu::http::is_valid_utf8(input);
    return 0;
}
