// Micro-benchmarks of the vn layer's hot paths (targets from issue 3: solar→lunar < 2 µs,
// folding 3 KB < 20 µs). Run a Release build: build-*/bench/vn_bench.

#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "vn/calendar.hpp"
#include "vn/dates.hpp"
#include "vn/deadline.hpp"
#include "vn/format.hpp"
#include "vn/lunar.hpp"
#include "vn/text.hpp"

namespace {

using namespace danchu::vn;

std::vector<danchu::Date> random_dates(int count, int from_year, int to_year) {
    std::mt19937 random{42};
    std::uniform_int_distribution<int> day(day_number(make_date(from_year, 1, 1)),
                                           day_number(make_date(to_year, 12, 31)));
    std::vector<danchu::Date> out;
    for (int i = 0; i < count; ++i) out.push_back(from_day_number(day(random)));
    return out;
}

void BM_SolarToLunar(benchmark::State& state) {
    const auto dates = random_dates(4096, 1900, 2199);
    (void)to_lunar(dates[0]);  // builds the month table once
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(to_lunar(dates[i++ & 4095]));
    }
}
BENCHMARK(BM_SolarToLunar);

void BM_LunarToSolar(benchmark::State& state) {
    std::vector<LunarDate> dates;
    for (const auto& d : random_dates(4096, 1901, 2198)) dates.push_back(to_lunar(d));
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(to_solar(dates[i++ & 4095]));
    }
}
BENCHMARK(BM_LunarToSolar);

void BM_Deadline60WorkingDays(benchmark::State& state) {
    const auto calendar = *WorkCalendar::load();
    const auto dates = random_dates(4096, 2020, 2030);
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(deadline(dates[i++ & 4095], 60, Unit::WorkingDays, calendar));
    }
}
BENCHMARK(BM_Deadline60WorkingDays);

void BM_Fold3KB(benchmark::State& state) {
    const std::string sentence =
        "Thực hiện Kế hoạch số 23/KH-UBND ngày 24/3/2021 của Ủy ban nhân dân tỉnh về việc thực "
        "hiện công tác dân vận chính quyền; Đường Quy chế dân chủ ở cơ sở được triển khai. ";
    std::string text;
    while (text.size() < 3072) text += sentence;
    text.resize(3072);
    for (auto _ : state) {
        benchmark::DoNotOptimize(fold(text));
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * 3072);
}
BENCHMARK(BM_Fold3KB);

void BM_MoneyInWords(benchmark::State& state) {
    std::mt19937_64 random{7};
    std::uniform_int_distribution<std::int64_t> amount(0, 999'999'999'999LL);
    std::vector<std::int64_t> amounts;
    for (int i = 0; i < 4096; ++i) amounts.push_back(amount(random));
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(money_in_words(amounts[i++ & 4095]));
    }
}
BENCHMARK(BM_MoneyInWords);

}  // namespace
