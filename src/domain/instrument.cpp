#include "domain/instrument.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>
#include <QVersionNumber>
#include <QtDebug>

#include <algorithm>
#include <cmath>
#include <initializer_list>

// Q_INIT_RESOURCE must be called outside any namespace; the .qrc lives in a static library.
static void initInstrumentResources() { Q_INIT_RESOURCE(instruments); }
static void initInstrumentResourcesOnce()
{
    static const bool done = (initInstrumentResources(), true);
    Q_UNUSED(done);
}

namespace painmdt::domain {

bool Item::allows(int code) const
{
    for (const AnswerOption &o : options)
        if (o.code == code)
            return true;
    return false;
}

const Item *InstrumentDefinition::item(const QString &id) const
{
    const int i = itemIndex(id);
    return i < 0 ? nullptr : &items[static_cast<size_t>(i)];
}

int InstrumentDefinition::itemIndex(const QString &id) const
{
    for (size_t i = 0; i < items.size(); ++i)
        if (items[i].id == id)
            return static_cast<int>(i);
    return -1;
}

const ScoreDefinition *InstrumentDefinition::score(const QString &id) const
{
    for (const ScoreDefinition &s : scores)
        if (s.id == id)
            return &s;
    return nullptr;
}

const InstrumentDefinition *findInstrument(const std::vector<InstrumentDefinition> &instruments,
                                           const QString &code)
{
    for (const InstrumentDefinition &d : instruments)
        if (d.code == code)
            return &d;
    return nullptr;
}

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Instrument", text); }

QString quoted(const QString &s) { return QLatin1Char('"') + s + QLatin1Char('"'); }

QString member(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString index(const QString &path, qsizetype i) { return path + QStringLiteral("[%1]").arg(i); }

bool isIdentifier(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_]+$"));
    return re.match(s).hasMatch();
}

std::optional<int> wholeNumber(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::trunc(d) != d || d < std::numeric_limits<int>::min()
        || d > std::numeric_limits<int>::max())
        return std::nullopt;
    return static_cast<int>(d);
}

std::optional<int> wholeNumber(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^-?[0-9]{1,9}$"));
    if (!re.match(s).hasMatch())
        return std::nullopt;
    return s.toInt();
}

// Collects every problem with its path; the typed readers return nullopt after reporting one.
class Parser {
public:
    QStringList errors;
    QSet<QString> brokenOptions; // items whose option list had errors: not checked again elsewhere
    bool betterKnown = false;

    void error(const QString &path, const QString &what) { errors << path + QStringLiteral(": ") + what; }

    void onlyKeys(const QJsonObject &o, const QString &path, std::initializer_list<const char *> allowed)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool known = false;
            for (const char *k : allowed)
                known = known || it.key() == QLatin1String(k);
            if (!known)
                error(member(path, it.key()), tr("unknown key (check the spelling)"));
        }
    }

    std::optional<QJsonObject> object(const QJsonValue &v, const QString &path)
    {
        if (v.isObject())
            return v.toObject();
        error(path, tr("must be an object {...}"));
        return std::nullopt;
    }

    // Absent keys give nullopt without an error unless required.
    std::optional<QString> text(const QJsonObject &o, const QString &path, const char *key, bool required,
                                bool allowEmpty = false)
    {
        const QString p = member(path, QLatin1String(key));
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                error(p, tr("is required"));
            return std::nullopt;
        }
        if (!v.isString()) {
            error(p, tr("must be text"));
            return std::nullopt;
        }
        const QString s = v.toString().trimmed();
        if (s.isEmpty() && !allowEmpty) {
            error(p, tr("must not be empty"));
            return std::nullopt;
        }
        return s;
    }

    std::optional<QString> identifier(const QJsonObject &o, const QString &path, const char *key)
    {
        const std::optional<QString> s = text(o, path, key, true);
        if (s && !isIdentifier(*s)) {
            error(member(path, QLatin1String(key)), tr("%1 must be letters, digits or _ only").arg(quoted(*s)));
            return std::nullopt;
        }
        return s;
    }

    std::optional<bool> boolean(const QJsonObject &o, const QString &path, const char *key)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isBool()) {
            error(member(path, QLatin1String(key)), tr("must be true or false"));
            return std::nullopt;
        }
        return v.toBool();
    }

    std::optional<double> number(const QJsonValue &v, const QString &path)
    {
        if (v.isDouble() && std::isfinite(v.toDouble()))
            return v.toDouble();
        error(path, tr("must be a number"));
        return std::nullopt;
    }

    std::optional<int> whole(const QJsonValue &v, const QString &path)
    {
        const std::optional<int> n = wholeNumber(v);
        if (!n)
            error(path, tr("must be a whole number"));
        return n;
    }

    std::optional<QJsonArray> list(const QJsonObject &o, const QString &path, const char *key, bool required)
    {
        const QString p = member(path, QLatin1String(key));
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                error(p, tr("is required"));
            return std::nullopt;
        }
        if (!v.isArray()) {
            error(p, tr("must be a list [...]"));
            return std::nullopt;
        }
        if (required && v.toArray().isEmpty()) {
            error(p, tr("must not be empty"));
            return std::nullopt;
        }
        return v.toArray();
    }

    template <typename E, size_t N>
    std::optional<E> choice(const QJsonObject &o, const QString &path, const char *key, bool required,
                            const std::pair<const char *, E> (&table)[N])
    {
        const std::optional<QString> s = text(o, path, key, required);
        if (!s)
            return std::nullopt;
        QStringList names;
        for (const auto &[name, value] : table) {
            if (*s == QLatin1String(name))
                return value;
            names << QString::fromLatin1(name);
        }
        error(member(path, QLatin1String(key)),
              tr("%1 is not one of %2").arg(quoted(*s), names.join(QStringLiteral(", "))));
        return std::nullopt;
    }

    std::vector<AnswerOption> options(const QJsonArray &array, const QString &path)
    {
        std::vector<AnswerOption> result;
        QHash<int, qsizetype> seen;
        if (array.isEmpty())
            error(path, tr("needs at least one answer option"));
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString p = index(path, i);
            const std::optional<QJsonObject> o = object(array.at(i), p);
            if (!o)
                continue;
            onlyKeys(*o, p, {"code", "label"});
            std::optional<int> code;
            if (o->contains(QLatin1String("code")))
                code = whole(o->value(QLatin1String("code")), member(p, QStringLiteral("code")));
            else
                error(member(p, QStringLiteral("code")), tr("is required"));
            const std::optional<QString> label = text(*o, p, "label", true);
            if (code && seen.contains(*code)) {
                error(member(p, QStringLiteral("code")),
                      tr("%1 is already the code of %2").arg(*code).arg(index(path, seen.value(*code))));
                continue;
            }
            if (code && label) {
                seen.insert(*code, i);
                result.push_back({*code, *label});
            }
        }
        return result;
    }
};

constexpr std::pair<const char *, Better> betterNames[] = {
    {"lower", Better::Lower}, {"higher", Better::Higher}, {"not_applicable", Better::NotApplicable}};
constexpr std::pair<const char *, ScoreDefinition::Method> methodNames[] = {
    {"sum", ScoreDefinition::Method::Sum}, {"mean", ScoreDefinition::Method::Mean}};
using Kind = MeaningfulChange::Kind;
constexpr std::pair<const char *, Kind> kindNames[] = {
    {"none", Kind::None},
    {"reduction_percent", Kind::ReductionPercent},
    {"reduction_points", Kind::ReductionPoints},
    {"increase_points", Kind::IncreasePoints},
    {"category", Kind::Category}};

void parseItems(Parser &p, const QJsonObject &root, InstrumentDefinition &def)
{
    // Option sets first, so items can name them; a broken set is reported once, under its own path.
    QHash<QString, std::vector<AnswerOption>> sets;
    QSet<QString> brokenSets;
    const QJsonValue setsValue = root.value(QLatin1String("option_sets"));
    if (!setsValue.isUndefined()) {
        if (const std::optional<QJsonObject> o = p.object(setsValue, QStringLiteral("option_sets"))) {
            for (auto it = o->begin(); it != o->end(); ++it) {
                const QString path = member(QStringLiteral("option_sets"), it.key());
                if (!isIdentifier(it.key()))
                    p.error(path, tr("a set name must be letters, digits or _ only"));
                if (!it.value().isArray()) {
                    p.error(path, tr("must be a list [...] of answer options"));
                    continue;
                }
                const qsizetype before = p.errors.size();
                sets.insert(it.key(), p.options(it.value().toArray(), path));
                if (p.errors.size() > before)
                    brokenSets.insert(it.key());
            }
        }
    }

    const std::optional<QJsonArray> items = p.list(root, {}, "items", true);
    if (!items)
        return;
    QHash<QString, qsizetype> ids;
    for (qsizetype i = 0; i < items->size(); ++i) {
        const QString path = index(QStringLiteral("items"), i);
        const std::optional<QJsonObject> o = p.object(items->at(i), path);
        if (!o)
            continue;
        p.onlyKeys(*o, path, {"id", "text", "options"});
        Item item;
        const std::optional<QString> id = p.identifier(*o, path, "id");
        if (id && ids.contains(*id)) {
            p.error(member(path, QStringLiteral("id")),
                    tr("%1 is already the id of %2").arg(quoted(*id), index(QStringLiteral("items"), ids.value(*id))));
        } else if (id) {
            ids.insert(*id, i);
            item.id = *id;
        }
        item.text = p.text(*o, path, "text", true).value_or(QString());

        const QString optionsPath = member(path, QStringLiteral("options"));
        const QJsonValue options = o->value(QLatin1String("options"));
        const qsizetype errorsBefore = p.errors.size();
        if (options.isUndefined())
            p.error(optionsPath, tr("is required: the item's answer options"));
        else if (options.isString()) {
            if (sets.contains(options.toString())) {
                item.options = sets.value(options.toString());
                if (brokenSets.contains(options.toString()))
                    p.brokenOptions.insert(item.id);
            } else
                p.error(optionsPath, tr("%1 is not one of the option_sets").arg(quoted(options.toString())));
        } else if (options.isArray())
            item.options = p.options(options.toArray(), optionsPath);
        else
            p.error(optionsPath, tr("must be a list [...] of answer options or the name of an option set"));
        if (p.errors.size() > errorsBefore)
            p.brokenOptions.insert(item.id);
        def.items.push_back(std::move(item));
    }
}

void parseRecode(Parser &p, const QJsonValue &value, const QString &path, const InstrumentDefinition &def,
                 ScoreDefinition &score)
{
    const std::optional<QJsonObject> recode = p.object(value, path);
    if (!recode)
        return;
    for (auto it = recode->begin(); it != recode->end(); ++it) {
        const QString itemPath = member(path, it.key());
        const Item *item = def.item(it.key());
        if (!item) {
            p.error(itemPath, tr("unknown item %1").arg(quoted(it.key())));
            continue;
        }
        if (!score.items.contains(it.key()))
            p.error(itemPath, tr("item %1 is not one of this score's items").arg(quoted(it.key())));
        const std::optional<QJsonObject> codes = p.object(it.value(), itemPath);
        if (!codes)
            continue;
        QHash<int, double> values;
        for (auto c = codes->begin(); c != codes->end(); ++c) {
            const QString codePath = member(itemPath, c.key());
            const std::optional<int> code = wholeNumber(c.key());
            if (!code) {
                p.error(codePath, tr("%1 is not a whole-number answer code").arg(quoted(c.key())));
                continue;
            }
            if (!item->allows(*code)) {
                if (p.brokenOptions.contains(item->id))
                    continue; // already reported where the options are defined
                p.error(codePath, tr("%1 is not an answer code of item %2").arg(*code).arg(quoted(item->id)));
                continue;
            }
            if (const std::optional<double> v = p.number(c.value(), codePath))
                values.insert(*code, *v);
        }
        score.recode.insert(it.key(), values);
    }
}

void parseScores(Parser &p, const QJsonObject &root, InstrumentDefinition &def)
{
    const std::optional<QJsonArray> scores = p.list(root, {}, "scores", true);
    if (!scores)
        return;
    QHash<QString, qsizetype> ids;
    for (qsizetype i = 0; i < scores->size(); ++i) {
        const QString path = index(QStringLiteral("scores"), i);
        const std::optional<QJsonObject> o = p.object(scores->at(i), path);
        if (!o)
            continue;
        p.onlyKeys(*o, path, {"id", "label", "method", "items", "recode", "min_answered"});
        ScoreDefinition score;
        const std::optional<QString> id = p.identifier(*o, path, "id");
        if (id && ids.contains(*id))
            p.error(member(path, QStringLiteral("id")),
                    tr("%1 is already the id of %2").arg(quoted(*id), index(QStringLiteral("scores"), ids.value(*id))));
        else if (id) {
            ids.insert(*id, i);
            score.id = *id;
        }
        score.label = p.text(*o, path, "label", true).value_or(QString());
        const std::optional<ScoreDefinition::Method> method = p.choice(*o, path, "method", true, methodNames);
        score.method = method.value_or(ScoreDefinition::Method::Sum);

        const QString itemsPath = member(path, QStringLiteral("items"));
        if (const std::optional<QJsonArray> items = p.list(*o, path, "items", true)) {
            for (qsizetype j = 0; j < items->size(); ++j) {
                const QString itemPath = index(itemsPath, j);
                const QJsonValue v = items->at(j);
                if (!v.isString())
                    p.error(itemPath, tr("must be an item id (text)"));
                else if (!def.item(v.toString()))
                    p.error(itemPath, tr("unknown item %1").arg(quoted(v.toString())));
                else if (score.items.contains(v.toString()))
                    p.error(itemPath, tr("item %1 is listed twice").arg(quoted(v.toString())));
                else
                    score.items << v.toString();
            }
        }

        if (o->contains(QLatin1String("recode")))
            parseRecode(p, o->value(QLatin1String("recode")), member(path, QStringLiteral("recode")), def, score);

        const int all = static_cast<int>(score.items.size());
        score.minAnswered = all;
        const QString minPath = member(path, QStringLiteral("min_answered"));
        if (o->contains(QLatin1String("min_answered"))) {
            if (const std::optional<int> n = p.whole(o->value(QLatin1String("min_answered")), minPath)) {
                if (*n < 1 || *n > all)
                    p.error(minPath, tr("must be between 1 and %1 (the number of items in this score)").arg(all));
                else if (method == ScoreDefinition::Method::Sum && *n != all)
                    p.error(minPath, tr("a sum needs every item answered (%1); use method \"mean\" to allow "
                                        "unanswered items").arg(all));
                else
                    score.minAnswered = *n;
            }
        }
        def.scores.push_back(std::move(score));
    }
}

void parseBands(Parser &p, const QJsonObject &root, InstrumentDefinition &def)
{
    if (const std::optional<QString> s = p.text(root, {}, "band_score", false)) {
        if (def.score(*s))
            def.bandScore = *s;
        else
            p.error(QStringLiteral("band_score"), tr("unknown score %1").arg(quoted(*s)));
    }
    const std::optional<QJsonArray> bands = p.list(root, {}, "bands", false);
    if (!bands)
        return;
    for (qsizetype i = 0; i < bands->size(); ++i) {
        const QString path = index(QStringLiteral("bands"), i);
        const std::optional<QJsonObject> o = p.object(bands->at(i), path);
        if (!o)
            continue;
        p.onlyKeys(*o, path, {"label", "when"});
        Band band;
        band.label = p.text(*o, path, "label", true).value_or(QString());
        const QString whenPath = member(path, QStringLiteral("when"));
        if (const std::optional<QJsonArray> when = p.list(*o, path, "when", false)) {
            for (qsizetype j = 0; j < when->size(); ++j) {
                const QString cPath = index(whenPath, j);
                const std::optional<QJsonObject> c = p.object(when->at(j), cPath);
                if (!c)
                    continue;
                p.onlyKeys(*c, cPath, {"score", "min", "max"});
                Condition condition;
                if (const std::optional<QString> s = p.text(*c, cPath, "score", true)) {
                    if (def.score(*s))
                        condition.score = *s;
                    else
                        p.error(member(cPath, QStringLiteral("score")), tr("unknown score %1").arg(quoted(*s)));
                }
                if (c->contains(QLatin1String("min")))
                    condition.min = p.number(c->value(QLatin1String("min")), member(cPath, QStringLiteral("min")));
                if (c->contains(QLatin1String("max")))
                    condition.max = p.number(c->value(QLatin1String("max")), member(cPath, QStringLiteral("max")));
                if (!c->contains(QLatin1String("min")) && !c->contains(QLatin1String("max")))
                    p.error(cPath, tr("needs min, max or both"));
                if (condition.min && condition.max && *condition.min > *condition.max)
                    p.error(cPath, tr("min %1 is above max %2").arg(*condition.min).arg(*condition.max));
                band.when.push_back(condition);
            }
        }
        if (band.when.empty() && i + 1 < bands->size())
            p.error(path, tr("a band without conditions means \"otherwise\" and must be the last band"));
        def.bands.push_back(std::move(band));
    }
}

void parseMeaningfulChange(Parser &p, const QJsonObject &root, InstrumentDefinition &def)
{
    const QString path = QStringLiteral("meaningful_change");
    const QJsonValue value = root.value(path);
    if (value.isUndefined())
        return;
    const std::optional<QJsonObject> o = p.object(value, path);
    if (!o)
        return;
    p.onlyKeys(*o, path,
               {"kind", "score", "value", "baseline_above", "categories", "with_band_change", "unconfirmed"});
    MeaningfulChange &mc = def.meaningfulChange;
    const std::optional<Kind> kind = p.choice(*o, path, "kind", true, kindNames);
    mc.unconfirmed = p.boolean(*o, path, "unconfirmed").value_or(false);
    if (!kind || *kind == Kind::None)
        return;
    mc.kind = *kind;

    if (const std::optional<QString> s = p.text(*o, path, "score", true)) {
        if (def.score(*s))
            mc.score = *s;
        else
            p.error(member(path, QStringLiteral("score")), tr("unknown score %1").arg(quoted(*s)));
    }

    const bool category = *kind == Kind::Category;
    const QString valuePath = member(path, QStringLiteral("value"));
    if (!category) {
        if (!o->contains(QLatin1String("value")))
            p.error(valuePath, tr("is required: the size of a meaningful change"));
        else if (const std::optional<double> v = p.number(o->value(QLatin1String("value")), valuePath)) {
            if (*v <= 0)
                p.error(valuePath, tr("must be greater than 0"));
            mc.value = *v;
        }
    } else if (o->contains(QLatin1String("value"))) {
        p.error(valuePath, tr("is not used by kind \"category\"; list the categories instead"));
    }

    if (o->contains(QLatin1String("baseline_above"))) {
        const QString bPath = member(path, QStringLiteral("baseline_above"));
        if (category)
            p.error(bPath, tr("is not used by kind \"category\""));
        else if (const std::optional<double> b = p.number(o->value(QLatin1String("baseline_above")), bPath))
            mc.baselineAbove = *b;
    }

    const QString catPath = member(path, QStringLiteral("categories"));
    const std::optional<QJsonArray> categories = p.list(*o, path, "categories", category);
    if (categories && !category) {
        p.error(catPath, tr("is only used by kind \"category\""));
    } else if (categories) {
        for (qsizetype i = 0; i < categories->size(); ++i)
            if (const std::optional<int> c = p.whole(categories->at(i), index(catPath, i)))
                mc.categories << *c;
    }

    mc.withBandChange = p.boolean(*o, path, "with_band_change").value_or(false);
    if (mc.withBandChange && category)
        p.error(member(path, QStringLiteral("with_band_change")), tr("is not used by kind \"category\""));
    else if (mc.withBandChange && def.bands.empty())
        p.error(member(path, QStringLiteral("with_band_change")), tr("needs bands"));

    const QString kindPath = member(path, QStringLiteral("kind"));
    if (def.singleOccasion && !category)
        p.error(kindPath, tr("a single-occasion instrument can only use \"category\" or \"none\""));
    // When better has its own error, the direction cannot be checked.
    else if (p.betterKnown && (*kind == Kind::ReductionPercent || *kind == Kind::ReductionPoints)
             && def.better != Better::Lower)
        p.error(kindPath, tr("a reduction is an improvement only when better is \"lower\""));
    else if (p.betterKnown && *kind == Kind::IncreasePoints && def.better != Better::Higher)
        p.error(kindPath, tr("an increase is an improvement only when better is \"higher\""));
}

void parseAlerts(Parser &p, const QJsonObject &root, InstrumentDefinition &def)
{
    const std::optional<QJsonArray> alerts = p.list(root, {}, "alerts", false);
    for (qsizetype i = 0; alerts && i < alerts->size(); ++i) {
        const QString path = index(QStringLiteral("alerts"), i);
        const std::optional<QJsonObject> o = p.object(alerts->at(i), path);
        if (!o)
            continue;
        p.onlyKeys(*o, path, {"id", "item", "above", "when_blank", "message"});
        AlertRule rule;
        rule.id = p.identifier(*o, path, "id").value_or(QString());
        rule.message = p.text(*o, path, "message", true).value_or(QString());
        rule.whenBlank = p.boolean(*o, path, "when_blank").value_or(true);
        if (const std::optional<QString> item = p.text(*o, path, "item", true)) {
            if (def.item(*item))
                rule.item = *item;
            else
                p.error(member(path, QStringLiteral("item")), tr("unknown item %1").arg(quoted(*item)));
        }
        const QString abovePath = member(path, QStringLiteral("above"));
        if (!o->contains(QLatin1String("above")))
            p.error(abovePath, tr("is required: an answer above it raises the alert"));
        else if (const std::optional<int> above = p.whole(o->value(QLatin1String("above")), abovePath))
            rule.above = *above;
        for (const AlertRule &earlier : def.alerts)
            if (!rule.id.isEmpty() && earlier.id == rule.id)
                p.error(member(path, QStringLiteral("id")), tr("%1 is used twice").arg(quoted(rule.id)));
        def.alerts.push_back(std::move(rule));
    }
}

void parseFreeText(Parser &p, const QJsonObject &root, InstrumentDefinition &def)
{
    const std::optional<QJsonArray> questions = p.list(root, {}, "free_text", false);
    for (qsizetype i = 0; questions && i < questions->size(); ++i) {
        const QString path = index(QStringLiteral("free_text"), i);
        const std::optional<QJsonObject> o = p.object(questions->at(i), path);
        if (!o)
            continue;
        p.onlyKeys(*o, path, {"id", "text"});
        FreeTextQuestion question;
        question.id = p.identifier(*o, path, "id").value_or(QString());
        question.text = p.text(*o, path, "text", true).value_or(QString());
        const bool taken = std::any_of(def.freeText.begin(), def.freeText.end(),
                                       [&](const FreeTextQuestion &q) { return q.id == question.id; });
        if (!question.id.isEmpty() && (def.item(question.id) || taken))
            p.error(member(path, QStringLiteral("id")), tr("%1 is already the id of an item or question").arg(quoted(question.id)));
        def.freeText.push_back(std::move(question));
    }
}

} // namespace

Result<InstrumentDefinition> parseInstrumentDefinition(const QByteArray &json)
{
    // Limits first: a 31 MB definition once took minutes to accept, and every later import
    // re-read it (issue 6). Real questionnaires are a few kilobytes.
    if (json.size() > definitionLimits.bytes)
        return Error{QStringLiteral("(root): ") + tr("the definition is %1 bytes; the limit is %2. A questionnaire "
                                                     "definition is a few kilobytes: check the file.")
                                                      .arg(json.size()).arg(definitionLimits.bytes)};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = parseError.offset - (before.lastIndexOf('\n') + 1) + 1;
        return Error{QStringLiteral("(root): ") + tr("not valid JSON: %1 at line %2, column %3 (byte offset %4)")
                                                      .arg(parseError.errorString())
                                                      .arg(line)
                                                      .arg(column)
                                                      .arg(parseError.offset)};
    }
    if (!doc.isObject())
        return Error{QStringLiteral("(root): ") + tr("must be a JSON object {...}")};

    const QJsonObject root = doc.object();
    Parser p;
    p.onlyKeys(root, {},
               {"format", "code", "name", "version", "scoring_version", "licence", "recall", "source", "wording",
                "better", "single_occasion", "option_sets", "items", "scores", "band_score", "bands",
                "meaningful_change", "alerts", "free_text"});

    if (root.contains(QLatin1String("format"))) {
        const std::optional<int> format = wholeNumber(root.value(QLatin1String("format")));
        if (format != 1)
            p.error(QStringLiteral("format"), tr("must be 1 (the only definition format so far)"));
    }

    InstrumentDefinition def;
    if (const std::optional<QString> code = p.text(root, {}, "code", true)) {
        static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9_]*$"));
        if (re.match(*code).hasMatch())
            def.code = *code;
        else
            p.error(QStringLiteral("code"),
                    tr("%1 must be lower-case letters, digits or _, starting with a letter").arg(quoted(*code)));
    }
    def.name = p.text(root, {}, "name", true).value_or(QString());
    def.version = p.text(root, {}, "version", true).value_or(QString());
    def.scoringVersion = p.text(root, {}, "scoring_version", true).value_or(QString());
    def.licence = p.text(root, {}, "licence", false, true).value_or(QString());
    def.recall = p.text(root, {}, "recall", false, true).value_or(QString());
    def.source = p.text(root, {}, "source", false, true).value_or(QString());
    def.wording = p.text(root, {}, "wording", false, true).value_or(QString());
    const std::optional<Better> better = p.choice(root, {}, "better", true, betterNames);
    def.better = better.value_or(Better::NotApplicable);
    p.betterKnown = better.has_value();
    def.singleOccasion = p.boolean(root, {}, "single_occasion").value_or(false);

    static const QRegularExpression versionForm(QStringLiteral("^[0-9]{1,6}(\\.[0-9]{1,6}){0,3}$"));
    if (!def.version.isEmpty() && !versionForm.match(def.version).hasMatch())
        p.error(QStringLiteral("version"), tr("%1 must be numbers separated by dots (e.g. 2 or 1.1), so that a newer "
                                              "version can be told from an older one").arg(quoted(def.version)));
    bool tooLarge = false;
    for (const auto &[key, limit] : {std::pair{"items", definitionLimits.items}, std::pair{"scores", definitionLimits.scores},
                                     std::pair{"bands", definitionLimits.bands},
                                     std::pair{"free_text", definitionLimits.freeText}})
        if (const qsizetype n = root.value(QLatin1String(key)).toArray().size(); n > limit) {
            p.error(QLatin1String(key), tr("has %1 entries; the limit is %2").arg(n).arg(limit));
            tooLarge = true;
        }
    if (tooLarge) // not worth checking entry by entry
        return Error{p.errors.join(QLatin1Char('\n'))};

    parseItems(p, root, def);
    parseScores(p, root, def);
    parseBands(p, root, def);
    parseMeaningfulChange(p, root, def);
    parseAlerts(p, root, def);
    parseFreeText(p, root, def);

    if (!p.errors.isEmpty())
        return Error{p.errors.join(QLatin1Char('\n'))};
    return def;
}

QString describeAlertRule(const AlertRule &rule)
{
    return tr("%1 (item %2 above %3%4)").arg(rule.id, rule.item).arg(rule.above).arg(rule.whenBlank ? tr(" or blank") : QString());
}

int compareVersions(const QString &a, const QString &b)
{
    return QVersionNumber::compare(QVersionNumber::fromString(a).normalized(), QVersionNumber::fromString(b).normalized());
}

Result<InstrumentDefinition> readInstrumentDefinition(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{name + QStringLiteral(": ") + tr("cannot be read (%1)").arg(file.errorString())};
    Result<InstrumentDefinition> result = parseInstrumentDefinition(file.readAll());
    if (result)
        return result;
    QStringList lines = result.error().split(QLatin1Char('\n'));
    for (QString &line : lines)
        line.prepend(name + QStringLiteral(": "));
    return Error{lines.join(QLatin1Char('\n'))};
}

QStringList builtInInstrumentFiles()
{
    initInstrumentResourcesOnce();
    QStringList files;
    for (const char *code : {"startback", "nrs_pain", "phq9", "gad7", "pgic", "fft"})
        files << QStringLiteral(":/instruments/%1.json").arg(QLatin1String(code));
    return files;
}

std::vector<InstrumentDefinition> builtInInstruments()
{
    static const std::vector<InstrumentDefinition> instruments = [] {
        std::vector<InstrumentDefinition> result;
        for (const QString &file : builtInInstrumentFiles()) {
            Result<InstrumentDefinition> def = readInstrumentDefinition(file);
            if (def)
                result.push_back(std::move(def.value()));
            else
                qCritical().noquote() << "Built-in instrument definition is broken:" << def.error();
        }
        return result;
    }();
    return instruments;
}

} // namespace painmdt::domain
