#include "services/assessmentservice.h"

#include "storage/transaction.h"

#include <QCoreApplication>

#include <algorithm>

namespace painmdt::services {

using domain::Assessment;
using storage::ChangeAction;
using storage::AssessmentRepository;

namespace {

const QString entity = QStringLiteral("assessment");

QString tr(const char *text) { return QCoreApplication::translate("AssessmentService", text); }

} // namespace

AssessmentService::AssessmentService(storage::Database &db, StampSource stamps)
    : m_db(db), m_repo(db), m_changes(db), m_stamps(std::move(stamps))
{
    for (auto &definition : domain::builtInInstruments())
        addDefinition(std::move(definition));
    for (const QByteArray &json : m_repo.importedDefinitions())
        if (auto parsed = domain::parseInstrumentDefinition(json))
            addDefinition(parsed.value());
}

void AssessmentService::addDefinition(domain::InstrumentDefinition definition)
{
    const QString code = definition.code;
    m_instruments.insert_or_assign(code, std::move(definition));
}

const domain::InstrumentDefinition *AssessmentService::instrument(const QString &code) const
{
    const auto it = m_instruments.find(code);
    return it == m_instruments.end() ? nullptr : &it->second;
}

QStringList AssessmentService::instrumentCodes() const
{
    QStringList codes;
    for (const auto &[code, definition] : m_instruments)
        codes << code;
    return codes;
}

Result<domain::InstrumentDefinition> AssessmentService::importDefinition(const QByteArray &json)
{
    auto parsed = domain::parseInstrumentDefinition(json);
    if (!parsed)
        return Error{parsed.error()};
    storage::Transaction tx(m_db);
    if (!tx.ok())
        return Error{tx.error()};
    if (Status s = m_repo.saveDefinition(parsed.value(), json, m_stamps.now()); !s)
        return Error{s.error()};
    if (Status s = tx.commit(); !s)
        return Error{s.error()};
    addDefinition(parsed.value());
    return parsed.value();
}

std::vector<domain::FieldError> AssessmentService::scoreIt(Assessment &a) const
{
    std::vector<domain::FieldError> errors;
    a.instrument = a.instrument.trimmed().toLower();
    a.occasion = a.occasion.trimmed().toLower();
    const auto *definition = instrument(a.instrument);
    if (!definition)
        errors.push_back({domain::field::instrument, tr("\"%1\" is not a known instrument; known: %2.")
                                                         .arg(a.instrument, instrumentCodes().join(QStringLiteral(", ")))});
    if (!domain::assessmentOccasions().contains(a.occasion))
        errors.push_back({domain::field::occasion, tr("\"%1\" is not an occasion; use one of: %2.")
                                                       .arg(a.occasion, domain::assessmentOccasions().join(QStringLiteral(", ")))});
    if (!a.collectedOn.isValid())
        errors.push_back({domain::field::collectedOn, tr("collected_on is required.")});
    if (!definition)
        return errors;
    if (a.answers.size() != definition->items.size()) {
        errors.push_back({domain::field::answers, tr("%1 has %2 items; %3 answers were given.")
                                                      .arg(a.instrument).arg(definition->items.size()).arg(a.answers.size())});
        return errors;
    }
    if (std::none_of(a.answers.begin(), a.answers.end(), [](const std::optional<int> &x) { return x.has_value(); })) {
        errors.push_back({domain::field::answers, tr("no item is answered; give at least one answer code.")});
        return errors;
    }
    a.instrumentVersion = definition->version;
    a.result = domain::score(*definition, a.answers);
    return errors;
}

SaveResult<Assessment> AssessmentService::add(Assessment a)
{
    if (auto errors = scoreIt(a); !errors.empty())
        return SaveResult<Assessment>::invalid(std::move(errors));
    storage::Transaction tx(m_db);
    if (!tx.ok())
        return SaveResult<Assessment>::failed(tx.error());
    const auto stamp = m_stamps.now();
    const auto id = m_repo.insert(a, stamp);
    if (!id)
        return SaveResult<Assessment>::failed(id.error());
    a.id = id.value();
    a.rowVersion = 1;
    if (Status s = m_changes.record(stamp, {entity, a.id, ChangeAction::Create, {}, {}}); !s)
        return SaveResult<Assessment>::failed(s.error());
    if (Status s = tx.commit(); !s)
        return SaveResult<Assessment>::failed(s.error());
    return {a, {}};
}

SaveResult<Assessment> AssessmentService::update(Assessment a)
{
    if (auto errors = scoreIt(a); !errors.empty())
        return SaveResult<Assessment>::invalid(std::move(errors));
    storage::Transaction tx(m_db);
    if (!tx.ok())
        return SaveResult<Assessment>::failed(tx.error());
    const auto before = m_repo.byId(a.id);
    const auto stamp = m_stamps.now();
    if (Status s = m_repo.update(a, stamp); !s)
        return SaveResult<Assessment>::failed(s.error());
    if (Status s = m_changes.record(stamp, {entity, a.id, ChangeAction::Update,
                                            before ? AssessmentRepository::columns(*before) : QVariantMap{},
                                            AssessmentRepository::columns(a)}); !s)
        return SaveResult<Assessment>::failed(s.error());
    if (Status s = tx.commit(); !s)
        return SaveResult<Assessment>::failed(s.error());
    ++a.rowVersion;
    return {a, {}};
}

} // namespace painmdt::services
