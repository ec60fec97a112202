#include "modules/disclosures/routes.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "docs/docx.hpp"
#include "docs/pdf.hpp"
#include "http/errors.hpp"
#include "identity/stamps.hpp"
#include "modules/disclosures/markdown.hpp"
#include "modules/disclosures/qr.hpp"
#include "modules/disclosures/register_doc.hpp"
#include "vn/format.hpp"

namespace danchu::disclosures {

namespace {

using http::Request;
using http::Response;
using identity::context;
using identity::error_page;
using identity::Organisation;
using identity::tr;
using identity::url;

// "2026-03-02" → "02/03/2026" (the official short form).
std::string date_vi(std::string_view iso) {
    if (iso.size() != 10) return std::string(iso);
    return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" +
           std::string(iso.substr(0, 4));
}
std::string date_vi(Date d) { return date_vi(iso_date(d)); }

bool vietnamese(Request& req) { return context(req).locale == web::Locale::Vi; }

std::string category_title(WebServices& s, Request& req, const Organisation& org,
                           const std::string& code) {
    std::optional<Category> c;
    if (code.starts_with("local.")) {
        c = category_for(s.domain, org, code, s.domain.identity.clock.today());
    } else if (const auto* statutory = s.domain.categories.find(code)) {
        c = *statutory;
    }
    if (!c) return code;
    return vietnamese(req) ? c->title_vi : c->title_en;
}

std::optional<Organisation> org_of(WebServices& s, Request& req) {
    return identity::find_organisation(s.domain.identity, std::string(req.param("slug")));
}

Response not_found(WebServices& s, Request& req) {
    return error_page(s.web, req, fail(ErrorCode::NotFound, "error.not_found"));
}

std::string item_href(WebServices& s, const Organisation& org, ItemId id) {
    return url(s.web, "disclosures.item", {{"slug", org.slug}, {"id", std::to_string(id.value)}});
}

BoardFilter filter_from(Request& req) {
    BoardFilter f;
    f.category = std::string(req.query("category").value_or(""));
    f.q = std::string(req.query("q").value_or(""));
    f.after = std::string(req.query("after").value_or(""));
    if (auto y = req.query("year"); y && !y->empty()) {
        try {
            f.year = std::stoi(std::string(*y));
        } catch (const std::exception&) {
            f.year = -1;  // matches nothing
        }
    }
    if (auto st = req.query("status"); st && !st->empty()) {
        f.status = parse_status(*st);
        if (!f.status) f.status = ItemStatus::Draft;  // unknown: the office's drafts, or nothing
    }
    if (auto l = req.query("limit"); l && !l->empty()) {
        try {
            f.limit = std::stoi(std::string(*l));
        } catch (const std::exception&) {
        }
    }
    return f;
}

web::Data row_data(WebServices& s, Request& req, const Organisation& org, const BoardRow& r) {
    web::Data d;
    d.set("href", item_href(s, org, r.id));
    d.set("title", r.title);
    d.set("category", category_title(s, req, org, r.category));
    d.set("status", tr(s.web, req, "disclosures.status." + std::string(to_string(r.status))));
    d.set("internal", r.audience == Audience::Internal);
    d.set("published_on", date_vi(r.published_on));
    if (!r.posting_end.empty())
        d.set("posting_end", date_vi(r.posting_end));
    else if (!r.published_on.empty())
        d.set("posting_end", tr(s.web, req, "disclosures.permanent"));
    else
        d.set("posting_end", std::string{});
    d.set("version", std::to_string(r.version));
    d.set("corrected", r.version > 1);
    d.set("flag_late", r.flag_late);
    d.set("flag_short", r.flag_short);
    d.set("flag_channels", r.flag_channels);
    d.set("ack_count", std::to_string(r.ack_count));
    return d;
}

Response board_page(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto& ctx = context(req);
    auto f = filter_from(req);
    auto view = board_view(s.domain, ctx.actor, *org, f);
    if (!view) return error_page(s.web, req, view.error());
    const BoardPage* page = &view->page;
    web::List rows;
    for (const auto& r : page->rows) rows.push_back(row_data(s, req, *org, r));
    web::Data data;
    data.set("org_name", org->name);
    data.set("rows", rows);
    data.set("empty", page->rows.empty());
    data.set("q", f.q);
    data.set("year", f.year ? std::to_string(*f.year) : std::string{});
    web::List cats;
    for (const auto& c : view->categories) {
        web::Data cd;
        cd.set("code", c.code);
        cd.set("title", vietnamese(req) ? c.title_vi : c.title_en);
        cd.set("selected", c.code == f.category);
        cats.push_back(cd);
    }
    data.set("categories", cats);
    web::List statuses;
    for (auto st : {ItemStatus::Published, ItemStatus::Expired, ItemStatus::Withdrawn}) {
        web::Data sd;
        sd.set("value", std::string(to_string(st)));
        sd.set("label", tr(s.web, req, "disclosures.status." + std::string(to_string(st))));
        sd.set("selected", f.status == st);
        statuses.push_back(sd);
    }
    data.set("statuses", statuses);
    data.set("action", url(s.web, "disclosures.board", {{"slug", org->slug}}));
    if (page->next_after) {
        http::Params q = {{"after", *page->next_after}};
        if (!f.q.empty()) q.push_back({"q", f.q});
        if (!f.category.empty()) q.push_back({"category", f.category});
        if (f.year) q.push_back({"year", std::to_string(*f.year)});
        if (f.status) q.push_back({"status", std::string(to_string(*f.status))});
        data.set("next_href", url(s.web, "disclosures.board", {{"slug", org->slug}}, q));
    }
    const bool publisher = can(ctx.actor, DisclosureAction::Publish, org->id);
    if (publisher) {
        data.set("new_href", url(s.web, "disclosures.new", {{"slug", org->slug}}));
        data.set("local_action", url(s.web, "disclosures.add_category", {{"slug", org->slug}}));
    }
    data.set("register_href", url(s.web, "disclosures.register", {{"slug", org->slug}}));
    data.set("atom_href", url(s.web, "disclosures.atom", {{"slug", org->slug}}));
    data.set("csv_href", url(s.web, "disclosures.csv", {{"slug", org->slug}}));
    data.set("api_href", url(s.web, "disclosures.api", {{"slug", org->slug}}));
    data.set("ledger_href", url(s.web, "disclosures.ledger", {{"slug", org->slug}}));
    data.set("key_href", url(s.web, "disclosures.ledger_key", {{"slug", org->slug}}));
    // Members: what they have not yet read, and reminders waiting for them.
    if (!view->unread.empty()) {
        web::List u;
        // The list shows link, title and date only: no need to build the board row's fields.
        for (const auto& r : view->unread) {
            web::Data d;
            d.set("href", item_href(s, *org, r.id));
            d.set("title", r.title);
            d.set("published_on", date_vi(r.published_on));
            u.push_back(d);
        }
        data.set("unread", u);
        data.set("has_unread", true);
    }
    if (view->reminders > 0) data.set("reminders", std::to_string(view->reminders));
    identity::PageOptions options;
    options.org_nav = identity::org_navigation(s.web, req, *org, "disclosures.board");
    return identity::page(s.web, req, "disclosures/board", data,
                          tr(s.web, req, "disclosures.board_title") + " — " + org->name, options);
}

Response add_category_submit(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto code = add_local_category(s.domain, context(req).actor, *org,
                                   std::string(req.form("local_title").value_or("")),
                                   std::string(req.form("local_title_en").value_or("")),
                                   std::string(req.form("local_basis").value_or("")));
    if (!code) return error_page(s.web, req, code.error());
    return identity::redirect_with_flash(
        url(s.web, "disclosures.new", {{"slug", org->slug}}, {{"category", *code}}),
        "disclosures.flash.local_added");
}

// ---- The publishing form ----

ItemInput input_from(Request& req) {
    ItemInput in;
    auto f = [&](std::string_view k) { return std::string(req.form(k).value_or("")); };
    in.category = f("category");
    in.title = f("title");
    in.body = f("body");
    in.audience = f("audience");
    in.decision_ref = f("decision_ref");
    in.decision_date = f("decision_date");
    std::string channels;
    for (auto c : req.form().get_all("channels")) {
        if (!channels.empty()) channels += ',';
        channels += c;
    }
    in.channels = channels;
    in.posting_start = f("posting_start");
    in.posting_end = f("posting_end");
    in.late_reason = f("late_reason");
    in.short_reason = f("short_reason");
    in.correction_note = f("correction_note");
    for (const auto& file : req.files()) {
        // An empty file input is sent as a part with no name and no bytes.
        if (file.field != "attachments" || (file.size == 0 && file.filename.empty())) continue;
        std::ifstream stream(file.temp_path, std::ios::binary);
        std::ostringstream bytes;
        bytes << stream.rdbuf();
        in.attachments.push_back({file.filename, bytes.str()});
    }
    return in;
}

Response form_page(WebServices& s, Request& req, const Organisation& org, const ItemInput& in,
                   std::optional<ItemId> correcting, const std::optional<Error>& error,
                   http::Status status = http::Status::ok) {
    auto& ctx = context(req);
    if (!can(ctx.actor, DisclosureAction::Publish, org.id)) {
        return error_page(
            s.web, req,
            fail(ctx.actor.is_signed_in() ? ErrorCode::Forbidden : ErrorCode::Unauthenticated,
                 "disclosures.error.forbidden"));
    }
    web::Data data;
    data.set("org_name", org.name);
    const Date today = s.domain.identity.clock.today();
    const auto chosen = category_for(s.domain, org, in.category, today);
    web::List cats;
    for (const auto& c : categories_for(s.domain, org, today)) {
        web::Data cd;
        cd.set("code", c.code);
        const std::string title = vietnamese(req) ? c.title_vi : c.title_en;
        cd.set("title", c.number > 0 ? std::to_string(c.number) + ". " + title : title);
        cd.set("basis", c.basis());
        cd.set("selected", c.code == in.category);
        cats.push_back(cd);
    }
    data.set("categories", cats);
    std::vector<Channel> selected;
    if (auto cs = parse_channels(in.channels); cs && !cs->empty())
        selected = *cs;
    else if (chosen)
        selected = default_channels(*chosen);
    else
        selected = {Channel::NoticeBoard};
    web::List channels;
    for (auto c : kAllChannels) {
        web::Data cd;
        cd.set("value", std::string(to_string(c)));
        cd.set("label", tr(s.web, req, "disclosures.channel." + std::string(to_string(c))));
        cd.set("checked", std::find(selected.begin(), selected.end(), c) != selected.end());
        channels.push_back(cd);
    }
    data.set("channels", channels);
    data.set("title", in.title);
    data.set("body", in.body);
    data.set("internal", in.audience == "internal");
    data.set("decision_ref", in.decision_ref);
    data.set("decision_date", in.decision_date.empty() ? iso_date(today) : in.decision_date);
    data.set("posting_start", in.posting_start);
    data.set("posting_end", in.posting_end);
    data.set("late_reason", in.late_reason);
    data.set("short_reason", in.short_reason);
    data.set("correction_note", in.correction_note);
    data.set("correcting", correcting.has_value());
    if (correcting) {
        data.set("action", url(s.web, "disclosures.correct",
                               {{"slug", org.slug}, {"id", std::to_string(correcting->value)}}));
    } else {
        data.set("action", url(s.web, "disclosures.create", {{"slug", org.slug}}));
    }
    if (error) {
        data.set("error", tr(s.web, req, error->message_key));
        data.set("errors", identity::field_errors(s.web, req, *error));
    }
    identity::PageOptions options{.status = status};
    options.org_nav = identity::org_navigation(s.web, req, org, "disclosures.board");
    return identity::page(
        s.web, req, "disclosures/form", data,
        tr(s.web, req, correcting ? "disclosures.correct_title" : "disclosures.new_title"),
        options);
}

Response new_page(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    ItemInput in;
    in.category = std::string(req.query("category").value_or(""));
    return form_page(s, req, *org, in, std::nullopt, std::nullopt);
}

Response create_submit(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto in = input_from(req);
    const bool draft = req.form("draft").has_value();
    auto id = draft ? create_draft(s.domain, context(req).actor, *org, in)
                    : publish_new(s.domain, context(req).actor, *org, in);
    if (!id) {
        if (id.error().code == ErrorCode::InvalidInput)
            return form_page(s, req, *org, in, std::nullopt, id.error(),
                             http::status_for(id.error().code));
        return error_page(s.web, req, id.error());
    }
    return identity::redirect_with_flash(
        item_href(s, *org, *id),
        draft ? "disclosures.flash.drafted" : "disclosures.flash.published");
}

Result<ItemId> item_id(Request& req) {
    auto id = req.param_int("id");
    if (!id) return id.error();
    return ItemId{*id};
}

// ---- The item page ----

Response item_page(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto id = item_id(req);
    if (!id) return not_found(s, req);
    auto& ctx = context(req);
    auto d = find_item(s.domain, ctx.actor, *org, *id);
    if (!d) return error_page(s.web, req, d.error());
    const auto& item = d->item;
    const auto& cur = item.current();
    web::Data data;
    data.set("org_name", org->name);
    data.set("title", cur.title);
    data.set("body_html", markdown_html(cur.body));
    data.set("category", category_title(s, req, *org, cur.category));
    if (d->category) data.set("category_basis", d->category->basis());
    data.set("status", tr(s.web, req, "disclosures.status." + std::string(to_string(item.status))));
    data.set("withdrawn", item.status == ItemStatus::Withdrawn);
    data.set("withdrawn_reason", item.withdrawn_reason);
    data.set("internal", cur.audience == Audience::Internal);
    data.set("decision_ref", cur.decision_ref);
    data.set("decision_date", date_vi(cur.decision_date));
    data.set("posting_start", date_vi(cur.posting_start));
    data.set("posting_end", cur.posting_end ? date_vi(*cur.posting_end) : std::string{});
    data.set("permanent", !cur.posting_end.has_value());
    std::string channel_text;
    for (auto c : cur.channels) {
        if (!channel_text.empty()) channel_text += "; ";
        channel_text += tr(s.web, req, "disclosures.channel." + std::string(to_string(c)));
    }
    data.set("channels", channel_text);
    data.set("version", std::to_string(cur.number));
    data.set("content_sha256", cur.content_sha256);
    data.set("flag_late", item.flag_late);
    data.set("flag_short", item.flag_short);
    data.set("flag_channels", item.flag_channels);
    data.set("late_reason", cur.late_reason);
    data.set("short_reason", cur.short_reason);
    if (d->check && !d->check->rules_in_force) {
        data.set("no_rule_in_force", true);
    } else if (d->check) {
        data.set("latest_publication", date_vi(d->check->latest_publication));
        data.set("timing_basis", d->check->timing_basis);
        if (d->check->minimum_posting_end)
            data.set("minimum_posting_end", date_vi(*d->check->minimum_posting_end));
        data.set("posting_basis", d->check->posting_basis);
        if (d->check->loudspeaker_minimum_end) {
            data.set("loudspeaker_end", date_vi(*d->check->loudspeaker_minimum_end));
            data.set("loudspeaker_basis", d->check->loudspeaker_basis);
        }
        std::string missing;
        for (auto c : d->check->missing_channels) {
            if (!missing.empty()) missing += "; ";
            missing += tr(s.web, req, "disclosures.channel." + std::string(to_string(c)));
        }
        data.set("missing_channels", missing);
    }
    web::List history;
    for (auto it = item.versions.rbegin(); it != item.versions.rend(); ++it) {
        web::Data h;
        h.set("version", std::to_string(it->number));
        h.set("title", it->title);
        h.set("body_html", markdown_html(it->body));
        h.set("note", it->correction_note);
        h.set("published_at", it->published_at
                                  ? date_vi(local_date(from_unix_seconds(*it->published_at)))
                                  : std::string{});
        h.set("sha", it->content_sha256);
        h.set("current", it->number == item.current_version);
        history.push_back(h);
    }
    data.set("history", history);
    web::List files;
    for (const auto& a : cur.attachments) {
        web::Data fd;
        fd.set("name", a.name);
        fd.set("href", url(s.web, "disclosures.file",
                           {{"slug", org->slug},
                            {"id", std::to_string(id->value)},
                            {"file", std::to_string(a.id)}}));
        fd.set("size", std::to_string((a.size + 1023) / 1024) + " KB");
        fd.set("sha", a.sha256);
        files.push_back(fd);
    }
    data.set("files", files);
    data.set("has_files", !cur.attachments.empty());
    data.set("has_history", item.versions.size() > 1);
    const std::string sid = std::to_string(id->value);
    const bool publisher = can(ctx.actor, DisclosureAction::Publish, org->id);
    const bool live = item.status == ItemStatus::Published || item.status == ItemStatus::Expired;
    if (publisher && item.status == ItemStatus::Draft)
        data.set("publish_action",
                 url(s.web, "disclosures.publish", {{"slug", org->slug}, {"id", sid}}));
    if (publisher && live) {
        data.set("correct_href",
                 url(s.web, "disclosures.correct_form", {{"slug", org->slug}, {"id", sid}}));
        data.set("withdraw_action",
                 url(s.web, "disclosures.withdraw", {{"slug", org->slug}, {"id", sid}}));
        data.set("acks_href", url(s.web, "disclosures.acks", {{"slug", org->slug}, {"id", sid}}));
    }
    if (live && can(ctx.actor, DisclosureAction::Acknowledge, org->id)) {
        data.set("acknowledged", d->acknowledged);
        if (!d->acknowledged)
            data.set("ack_action",
                     url(s.web, "disclosures.ack", {{"slug", org->slug}, {"id", sid}}));
    }
    data.set("board_href", url(s.web, "disclosures.board", {{"slug", org->slug}}));
    data.set("qr_src", url(s.web, "disclosures.qr", {{"slug", org->slug}, {"id", sid}}));
    identity::PageOptions options;
    options.org_nav = identity::org_navigation(s.web, req, *org, "disclosures.board");
    return identity::page(s.web, req, "disclosures/item", data, cur.title, options);
}

template <class Command>
Response item_command(WebServices& s, Request& req, Command&& command, std::string_view flash) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto id = item_id(req);
    if (!id) return not_found(s, req);
    auto st = command(*org, *id);
    if (!st) return error_page(s.web, req, st.error());
    return identity::redirect_with_flash(item_href(s, *org, *id), flash);
}

Response correct_form(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto id = item_id(req);
    if (!id) return not_found(s, req);
    auto& ctx = context(req);
    if (!can(ctx.actor, DisclosureAction::Publish, org->id))
        return form_page(s, req, *org, {}, id.value(), std::nullopt);
    auto d = find_item(s.domain, ctx.actor, *org, *id);
    if (!d) return error_page(s.web, req, d.error());
    const auto& v = d->item.current();
    ItemInput in;
    in.category = v.category;
    in.title = v.title;
    in.body = v.body;
    in.audience = std::string(to_string(v.audience));
    in.decision_ref = v.decision_ref;
    in.decision_date = iso_date(v.decision_date);
    in.channels = join_channels(v.channels);
    if (v.posting_end) in.posting_end = iso_date(*v.posting_end);
    return form_page(s, req, *org, in, *id, std::nullopt);
}

Response correct_submit(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto id = item_id(req);
    if (!id) return not_found(s, req);
    auto in = input_from(req);
    auto v = correct(s.domain, context(req).actor, *org, *id, in);
    if (!v) {
        if (v.error().code == ErrorCode::InvalidInput)
            return form_page(s, req, *org, in, *id, v.error(), http::status_for(v.error().code));
        return error_page(s.web, req, v.error());
    }
    return identity::redirect_with_flash(item_href(s, *org, *id), "disclosures.flash.corrected");
}

Response acks_page(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto id = item_id(req);
    if (!id) return not_found(s, req);
    auto& ctx = context(req);
    auto r = ack_report(s.domain, ctx.actor, *org, *id);
    if (!r) return error_page(s.web, req, r.error());
    auto d = find_item(s.domain, ctx.actor, *org, *id);
    if (!d) return error_page(s.web, req, d.error());
    auto percent = [](long long a, long long n) {
        return n == 0 ? std::string("—") : std::to_string(a * 100 / n) + "%";
    };
    web::Data data;
    data.set("title", d->item.current().title);
    data.set("members", std::to_string(r->members));
    data.set("acknowledged", std::to_string(r->acknowledged));
    data.set("rate", percent(r->acknowledged, r->members));
    web::List units;
    for (const auto& u : r->units) {
        web::Data ud;
        ud.set("unit", u.unit.empty() ? org->name : u.unit);
        ud.set("members", std::to_string(u.members));
        ud.set("acknowledged", std::to_string(u.acknowledged));
        ud.set("rate", percent(u.acknowledged, u.members));
        units.push_back(ud);
    }
    data.set("units", units);
    web::List missing;
    for (const auto& p : r->missing) {
        web::Data pd;
        pd.set("name", p.full_name);
        missing.push_back(pd);
    }
    data.set("missing", missing);
    data.set("has_missing", !r->missing.empty());
    const std::string sid = std::to_string(id->value);
    data.set("remind_action", url(s.web, "disclosures.remind", {{"slug", org->slug}, {"id", sid}}));
    data.set("item_href", item_href(s, *org, *id));
    identity::PageOptions options;
    options.org_nav = identity::org_navigation(s.web, req, *org, "disclosures.board");
    return identity::page(s.web, req, "disclosures/acks", data,
                          tr(s.web, req, "disclosures.acks_title"), options);
}

// ---- Quarterly register (commune Art 13.2) ----

// ?year=&quarter= (default: the current quarter).
Result<std::pair<int, int>> register_quarter(WebServices& s, Request& req) {
    const Date today = s.domain.identity.clock.today();
    int year = static_cast<int>(today.year());
    int quarter = (static_cast<int>(static_cast<unsigned>(today.month())) - 1) / 3 + 1;
    try {
        if (auto y = req.query("year"); y && !y->empty()) year = std::stoi(std::string(*y));
        if (auto q = req.query("quarter"); q && !q->empty()) quarter = std::stoi(std::string(*q));
    } catch (const std::exception&) {
        return fail(ErrorCode::InvalidInput, "disclosures.error.quarter");
    }
    return std::make_pair(year, quarter);
}

// The printable register (DOCX or PDF), always in Vietnamese: it is posted on paper.
Response register_file(WebServices& s, Request& req, bool pdf) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto yq = register_quarter(s, req);
    if (!yq) return error_page(s.web, req, yq.error());
    const auto [year, quarter] = *yq;
    auto rows = quarterly_register(s.domain, context(req).actor, *org, year, quarter);
    if (!rows) return error_page(s.web, req, rows.error());
    const auto& catalog = s.web.renderer.catalog();
    std::vector<RegisterLine> lines;
    for (const auto& r : *rows) {
        RegisterLine l;
        l.title = r.title;
        if (r.version > 1) l.title += " (phiên bản " + std::to_string(r.version) + ")";
        std::optional<Category> c = category_for(s.domain, *org, r.category, Date{});
        if (!c) {
            if (const auto* statutory = s.domain.categories.find(r.category)) c = *statutory;
        }
        l.category = c ? c->title_vi : r.category;
        for (auto ch : r.channels) {
            if (!l.channels.empty()) l.channels += "; ";
            l.channels +=
                catalog.text(web::Locale::Vi, "disclosures.channel." + std::string(to_string(ch)));
        }
        l.published_on = date_vi(r.published_on);
        l.posting_end = r.posting_end.empty()
                            ? catalog.text(web::Locale::Vi, "disclosures.permanent")
                            : date_vi(r.posting_end);
        lines.push_back(std::move(l));
    }
    std::optional<Organisation> parent;
    if (org->parent) parent = identity::find_organisation(s.domain.identity, *org->parent);
    static const auto table = vn::AbbreviationTable::load();
    if (!table) return error_page(s.web, req, table.error());
    auto prepared = docs::prepare(register_document(*org, parent, year, quarter, lines), *table);
    if (!prepared) return error_page(s.web, req, prepared.error());
    // The writers work on files (libzip, Cairo); a private temporary name per request.
    static std::atomic<unsigned long> counter{0};
    const auto path =
        std::filesystem::temp_directory_path() /
        ("danchu-register-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    Status written;
    if (pdf) {
        auto pages = docs::write_pdf(*prepared, path);
        if (!pages) written = pages.error();
    } else {
        written = docs::write_docx(*prepared, path);
    }
    std::string bytes;
    if (written) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream buf;
        buf << in.rdbuf();
        bytes = buf.str();
    }
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    if (!written) return error_page(s.web, req, written.error());
    Response res(http::Status::ok);
    res.set_body(std::move(bytes));
    res.set_header("content-type",
                   pdf ? "application/pdf"
                       : "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    res.set_header("content-disposition", "attachment; filename=\"danh-muc-cong-khai-" + org->slug +
                                              "-" + std::to_string(year) + "-q" +
                                              std::to_string(quarter) + (pdf ? ".pdf" : ".docx") +
                                              "\"");
    return res;
}

Response register_page(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto yq = register_quarter(s, req);
    if (!yq) return error_page(s.web, req, yq.error());
    const auto [year, quarter] = *yq;
    auto rows = quarterly_register(s.domain, context(req).actor, *org, year, quarter);
    if (!rows) return error_page(s.web, req, rows.error());
    web::List list;
    int n = 0;
    for (const auto& r : *rows) {
        web::Data d;
        d.set("n", std::to_string(++n));
        d.set("title", r.title);
        d.set("version", std::to_string(r.version));
        d.set("corrected", r.version > 1);
        d.set("category", category_title(s, req, *org, r.category));
        d.set("published_on", date_vi(r.published_on));
        d.set("posting_end", r.posting_end.empty() ? tr(s.web, req, "disclosures.permanent")
                                                   : date_vi(r.posting_end));
        std::string ch;
        for (auto c : r.channels) {
            if (!ch.empty()) ch += "; ";
            ch += tr(s.web, req, "disclosures.channel." + std::string(to_string(c)));
        }
        d.set("channels", ch);
        d.set("href", item_href(s, *org, r.id));
        list.push_back(d);
    }
    web::Data data;
    data.set("org_name", org->name);
    data.set("year", std::to_string(year));
    data.set("quarter", std::to_string(quarter));
    data.set("rows", list);
    data.set("empty", rows->empty());
    data.set("action", url(s.web, "disclosures.register", {{"slug", org->slug}}));
    const http::Params period = {{"year", std::to_string(year)},
                                 {"quarter", std::to_string(quarter)}};
    data.set("docx_href", url(s.web, "disclosures.register_docx", {{"slug", org->slug}}, period));
    data.set("pdf_href", url(s.web, "disclosures.register_pdf", {{"slug", org->slug}}, period));
    identity::PageOptions options;
    options.org_nav = identity::org_navigation(s.web, req, *org, "disclosures.board");
    return identity::page(s.web, req, "disclosures/register", data,
                          tr(s.web, req, "disclosures.register_title"), options);
}

// ---- Open data: Atom, CSV, JSON; the ledger ----

std::string csv_field(std::string_view in) {
    // Quote every field; a leading = + - @ is prefixed so spreadsheets do not run it.
    std::string out = "\"";
    if (!in.empty() && (in[0] == '=' || in[0] == '+' || in[0] == '-' || in[0] == '@')) out += '\'';
    for (char c : in) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

Response atom_feed(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto page = board(s.domain, context(req).actor, *org, {.limit = 50});
    if (!page) return error_page(s.web, req, page.error());
    // The feed is a template like every page: mustache escapes the text for XML.
    web::Data data;
    data.set("org_name", org->name);
    data.set("slug", org->slug);
    data.set("self", url(s.web, "disclosures.atom", {{"slug", org->slug}}));
    std::string updated = "1970-01-01";
    web::List entries;
    for (const auto& r : page->rows) {
        if (r.published_on.empty()) continue;  // drafts are never in the feed
        updated = std::max(updated, r.published_on);
        web::Data e;
        e.set("title", r.title);
        e.set("id", std::to_string(r.id.value));
        e.set("version", std::to_string(r.version));
        e.set("href", item_href(s, *org, r.id));
        e.set("published_on", r.published_on);
        e.set("category", r.category);
        entries.push_back(e);
    }
    data.set("updated", updated);
    data.set("entries", entries);
    auto x = s.web.renderer.render(context(req).locale, "disclosures/atom", data);
    if (!x) return error_page(s.web, req, x.error());
    auto res = Response::text(std::move(*x));
    res.set_header("content-type", "application/atom+xml; charset=utf-8");
    return res;
}

Response csv_export(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto f = filter_from(req);
    f.limit = 100;
    std::string out =
        "id,version,title,category,audience,status,published_on,posting_end,"
        "late,short_posting,channels_incomplete\r\n";
    // Pages through everything this visitor may see, by key.
    for (int guard = 0; guard < 10'000; ++guard) {
        auto page = board(s.domain, context(req).actor, *org, f);
        if (!page) return error_page(s.web, req, page.error());
        for (const auto& r : page->rows) {
            out += std::to_string(r.id.value) + "," + std::to_string(r.version) + "," +
                   csv_field(r.title) + "," + csv_field(r.category) + "," +
                   std::string(to_string(r.audience)) + "," + std::string(to_string(r.status)) +
                   "," + r.published_on + "," + r.posting_end + "," + (r.flag_late ? "1" : "0") +
                   "," + (r.flag_short ? "1" : "0") + "," + (r.flag_channels ? "1" : "0") + "\r\n";
        }
        if (!page->next_after) break;
        f.after = *page->next_after;
    }
    auto res = Response::text(std::move(out));
    res.set_header("content-type", "text/csv; charset=utf-8");
    res.set_header("content-disposition",
                   "attachment; filename=\"" + org->slug + "-disclosures.csv\"");
    return res;
}

Response api_list(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) {
        auto res = Response::text(R"({"error":"not_found"})", http::Status::not_found);
        res.set_header("content-type", "application/json");
        return res;
    }
    auto page = board(s.domain, context(req).actor, *org, filter_from(req));
    if (!page) {
        auto res = Response::text(R"({"error":"bad_request"})", http::Status::bad_request);
        res.set_header("content-type", "application/json");
        return res;
    }
    nlohmann::json j;
    j["organisation"] = org->slug;
    j["items"] = nlohmann::json::array();
    for (const auto& r : page->rows) {
        j["items"].push_back({{"id", r.id.value},
                              {"version", r.version},
                              {"title", r.title},
                              {"category", r.category},
                              {"audience", std::string(to_string(r.audience))},
                              {"status", std::string(to_string(r.status))},
                              {"published_on", r.published_on},
                              {"posting_end", r.posting_end},
                              {"flags",
                               {{"late", r.flag_late},
                                {"short_posting", r.flag_short},
                                {"channels_incomplete", r.flag_channels}}},
                              {"url", item_href(s, *org, r.id)}});
    }
    j["next_after"] = page->next_after ? nlohmann::json(*page->next_after) : nlohmann::json();
    auto res = Response::text(j.dump());
    res.set_header("content-type", "application/json; charset=utf-8");
    return res;
}

// The page's absolute address for the QR code: the Host the visitor used, https when a
// TLS proxy says so.
std::string absolute(Request& req, const std::string& path) {
    const auto host = req.header("host").value_or("localhost");
    const bool tls = req.header("x-forwarded-proto").value_or("") == "https";
    return std::string(tls ? "https://" : "http://") + std::string(host) + path;
}

Response qr_code(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto id = item_id(req);
    if (!id) return not_found(s, req);
    auto d = find_item(s.domain, context(req).actor, *org, *id);
    if (!d) return error_page(s.web, req, d.error());
    auto svg = qr_svg(absolute(req, item_href(s, *org, *id)));
    if (!svg) return not_found(s, req);
    auto res = Response::text(std::move(*svg));
    res.set_header("content-type", "image/svg+xml");
    return res;
}

Response file_download(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto id = item_id(req);
    auto file = req.param_int("file");
    if (!id || !file) return not_found(s, req);
    auto a = attachment(s.domain, context(req).actor, *org, *id, *file);
    if (!a) return error_page(s.web, req, a.error());
    auto res = Response::text(std::move(a->bytes));
    res.set_header("content-type", a->meta.media_type);
    // RFC 6266/5987: the UTF-8 name percent-encoded, an ASCII fallback beside it.
    std::string encoded;
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string ascii;
    for (unsigned char c : a->meta.name) {
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
            encoded.push_back(static_cast<char>(c));
            ascii.push_back(static_cast<char>(c));
        } else {
            encoded += '%';
            encoded.push_back(kHex[c >> 4]);
            encoded.push_back(kHex[c & 15]);
            if (c < 0x80) ascii.push_back('_');
        }
    }
    res.set_header("content-disposition",
                   "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
    res.set_header("cache-control", "private, no-store");
    return res;
}

Response ledger_file(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto res = Response::text(ledger_jsonl(s.domain, *org));
    res.set_header("content-type", "application/jsonl; charset=utf-8");
    return res;
}

Response ledger_key_file(WebServices& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto key = ledger_key(s.domain, *org);
    if (!key) return error_page(s.web, req, key.error());
    nlohmann::json j = {{"algorithm", "ed25519"},
                        {"organisation", org->slug},
                        {"public_key", ledger::to_hex(key->data(), key->size())}};
    auto res = Response::text(j.dump() + "\n");
    res.set_header("content-type", "application/json; charset=utf-8");
    return res;
}

// ---- Cache of public pages ----
// The board and item pages an anonymous visitor sees are the same for every anonymous
// visitor in a language, so they are kept as rendered HTML. A cached page is valid while both
// the organisation's disclosure stamp (bumped by publish, correct, withdraw) and the identity
// stamp (organisation names, navigation) are unchanged.

std::string slug_of_target(std::string_view target) {
    // "/o/<slug>/disclosures..." → "<slug>"
    if (!target.starts_with("/o/")) return {};
    const auto rest = target.substr(3);
    return std::string(rest.substr(0, rest.find('/')));
}

std::optional<std::uint64_t> combined(std::optional<std::uint64_t> a,
                                      std::optional<std::uint64_t> b) {
    if (!a || !b) return std::nullopt;
    return (*a << 32) ^ *b;
}

// A page shows statuses of the day it was rendered: an item whose posting ends today is
// "published" until midnight and "expired" after it, with no write in between to bump a stamp.
// So the local date (Asia/Ho_Chi_Minh, from the injected clock) is part of the key, and a page
// rendered yesterday is never found today.
std::string cache_key(WebServices& s, const Request& req) {
    return identity::shared_view_key(req) + "@" + iso_date(s.domain.identity.clock.today());
}

std::optional<Response> cached_view(WebServices& s, Request& req) {
    auto* stamps = s.domain.identity.stamps;
    if (!s.web.page_cache || !stamps || !identity::is_shared_view(req)) return std::nullopt;
    const std::string scope = "disclosures:" + slug_of_target(req.target());
    auto version = combined(stamps->fresh(identity::kPublicScope), stamps->fresh(scope));
    if (!version) return std::nullopt;
    auto html = s.web.page_cache->get(cache_key(s, req), *version);
    if (!html) return std::nullopt;
    return Response::html(*html);
}

template <class Render>
Response shared_view(WebServices& s, Request& req, Render&& render) {
    if (auto hit = cached_view(s, req)) return std::move(*hit);
    auto* stamps = s.domain.identity.stamps;
    const bool shared = s.web.page_cache && stamps && identity::is_shared_view(req);
    // The stamps are read before the data: a bump in between leaves a page no lookup matches.
    std::uint64_t version = 0;
    if (shared) {
        version = (stamps->current(identity::kPublicScope) << 32) ^
                  stamps->current("disclosures:" + slug_of_target(req.target()));
    }
    Response res = render();
    if (shared && res.status() == http::Status::ok && !context(req).set_csrf_cookie)
        s.web.page_cache->put(cache_key(s, req), version, res.body());
    return res;
}

}  // namespace

void register_routes(http::Router& router, WebServices& s) {
    http::RouteOptions cached;
    cached.io_fast_path = [&s](Request& r) { return cached_view(s, r); };
    router.get(
        "/o/{slug}/disclosures", "disclosures.board",
        [&s](Request& r) { return shared_view(s, r, [&] { return board_page(s, r); }); }, cached);
    router.post("/o/{slug}/disclosure-items", "disclosures.add_category",
                [&s](Request& r) { return add_category_submit(s, r); });
    router.get("/o/{slug}/disclosures/new", "disclosures.new",
               [&s](Request& r) { return new_page(s, r); });
    // Forms with files: the body may hold the attachments (limit per file in the domain).
    const http::RouteOptions upload{
        .body_limit =
            s.domain.max_attachment_bytes * static_cast<std::uint64_t>(s.domain.max_attachments) +
            1024 * 1024,
        .body_limit_key = "disclosures.max_attachment_bytes",
        .multipart = http::Multipart::Allowed};
    router.post(
        "/o/{slug}/disclosures", "disclosures.create",
        [&s](Request& r) { return create_submit(s, r); }, upload);
    router.get(
        "/o/{slug}/disclosures/{id}", "disclosures.item",
        [&s](Request& r) { return shared_view(s, r, [&] { return item_page(s, r); }); }, cached);
    router.post("/o/{slug}/disclosures/{id}/publish", "disclosures.publish", [&s](Request& r) {
        return item_command(
            s, r,
            [&](const Organisation& org, ItemId id) {
                return publish(s.domain, context(r).actor, org, id);
            },
            "disclosures.flash.published");
    });
    router.get("/o/{slug}/disclosures/{id}/correct", "disclosures.correct_form",
               [&s](Request& r) { return correct_form(s, r); });
    router.post(
        "/o/{slug}/disclosures/{id}/correct", "disclosures.correct",
        [&s](Request& r) { return correct_submit(s, r); }, upload);
    router.get("/o/{slug}/disclosures/{id}/qr.svg", "disclosures.qr",
               [&s](Request& r) { return qr_code(s, r); });
    router.get("/o/{slug}/disclosures/{id}/files/{file}", "disclosures.file",
               [&s](Request& r) { return file_download(s, r); });
    router.post("/o/{slug}/disclosures/{id}/withdraw", "disclosures.withdraw", [&s](Request& r) {
        return item_command(
            s, r,
            [&](const Organisation& org, ItemId id) {
                return withdraw(s.domain, context(r).actor, org, id,
                                std::string(r.form("reason").value_or("")));
            },
            "disclosures.flash.withdrawn");
    });
    router.post("/o/{slug}/disclosures/{id}/ack", "disclosures.ack", [&s](Request& r) {
        return item_command(
            s, r,
            [&](const Organisation& org, ItemId id) {
                return acknowledge(s.domain, context(r).actor, org, id);
            },
            "disclosures.flash.acknowledged");
    });
    router.post("/o/{slug}/disclosures/{id}/remind", "disclosures.remind", [&s](Request& r) {
        return item_command(
            s, r,
            [&](const Organisation& org, ItemId id) -> Status {
                auto n = remind(s.domain, context(r).actor, org, id);
                if (!n) return n.error();
                return {};
            },
            "disclosures.flash.reminded");
    });
    router.get("/o/{slug}/disclosures/{id}/acks", "disclosures.acks",
               [&s](Request& r) { return acks_page(s, r); });
    router.get("/o/{slug}/disclosure-register", "disclosures.register",
               [&s](Request& r) { return register_page(s, r); });
    router.get("/o/{slug}/disclosure-register.docx", "disclosures.register_docx",
               [&s](Request& r) { return register_file(s, r, false); });
    router.get("/o/{slug}/disclosure-register.pdf", "disclosures.register_pdf",
               [&s](Request& r) { return register_file(s, r, true); });
    router.get("/o/{slug}/disclosures.atom", "disclosures.atom",
               [&s](Request& r) { return atom_feed(s, r); });
    router.get("/o/{slug}/disclosures.csv", "disclosures.csv",
               [&s](Request& r) { return csv_export(s, r); });
    router.get("/api/v1/orgs/{slug}/disclosures", "disclosures.api",
               [&s](Request& r) { return api_list(s, r); });
    router.get("/o/{slug}/ledger.jsonl", "disclosures.ledger",
               [&s](Request& r) { return ledger_file(s, r); });
    router.get("/o/{slug}/ledger/key", "disclosures.ledger_key",
               [&s](Request& r) { return ledger_key_file(s, r); });
}

void add_navigation(identity::WebServices& web) {
    web.org_nav.push_back({"disclosures.nav", "disclosures.board",
                           [](const identity::Actor&, const identity::Organisation& org,
                              std::span<const OrgId>) { return org.setting.has_value(); }});
}

}  // namespace danchu::disclosures
