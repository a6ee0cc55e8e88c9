#include "ui/drafts.h"

#include "domain/clinicaldate.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimeEdit>
#include <QTimer>

namespace painmdt::ui {

namespace {

std::shared_ptr<DraftStore> &currentStore()
{
    static std::shared_ptr<DraftStore> store;
    return store;
}

QString digest(const QString &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(24));
}

// A child widget's own input, not the line edit inside a spin box or combo box.
bool isPartOfAnother(const QWidget *w)
{
    return qobject_cast<QAbstractSpinBox *>(w->parentWidget()) || qobject_cast<QComboBox *>(w->parentWidget());
}

} // namespace

DraftStore::DraftStore(QString folder) : m_folder(std::move(folder)) {}

DraftStore *DraftStore::current() { return currentStore().get(); }

void DraftStore::setCurrent(std::shared_ptr<DraftStore> store) { currentStore() = std::move(store); }

QString DraftStore::folderFor(const QString &database, const QString &user)
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return QDir(base).filePath(QStringLiteral("drafts/") + digest(QDir::cleanPath(database) + QLatin1Char('\n') + user));
}

QString DraftStore::pathOf(const QString &key) const
{
    return QDir(m_folder).filePath(digest(key) + QStringLiteral(".json"));
}

bool DraftStore::save(const QString &key, const QVariantMap &fields)
{
    if (!QDir().mkpath(m_folder))
        return false;
    QFile::setPermissions(m_folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QSaveFile file(pathOf(key));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QJsonObject json{{QStringLiteral("key"), key},
                           {QStringLiteral("saved_at"), QDateTime::currentDateTime().toString(Qt::ISODate)},
                           {QStringLiteral("fields"), QJsonObject::fromVariantMap(fields)}};
    file.write(QJsonDocument(json).toJson(QJsonDocument::Compact));
    return file.commit();
}

std::optional<Draft> DraftStore::load(const QString &key) const
{
    QFile file(pathOf(key));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    if (json.value(QStringLiteral("key")).toString() != key) // damaged, or another key's digest
        return std::nullopt;
    return Draft{json.value(QStringLiteral("fields")).toObject().toVariantMap(),
                 QDateTime::fromString(json.value(QStringLiteral("saved_at")).toString(), Qt::ISODate)};
}

void DraftStore::discard(const QString &key)
{
    QFile::remove(pathOf(key));
}

int DraftStore::count() const
{
    return int(QDir(m_folder).entryList({QStringLiteral("*.json")}, QDir::Files).size());
}

FormDraft::FormDraft(QWidget *form, QString key)
    : QObject(form), m_form(form), m_key(std::move(key)), m_opening(capture(form)), m_timer(new QTimer(this))
{
    m_timer->setInterval(intervalMs);
    connect(m_timer, &QTimer::timeout, this, &FormDraft::flush);
    m_timer->start();
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *old, QWidget *) {
        if (m_form && old && m_form->isAncestorOf(old))
            flush();
    });
}

std::optional<QDateTime> FormDraft::offer()
{
    DraftStore *store = DraftStore::current();
    const auto draft = store ? store->load(m_key) : std::nullopt;
    if (!draft || !m_form)
        return std::nullopt;
    restore(m_form, draft->fields);
    return draft->savedAt;
}

void FormDraft::flush()
{
    DraftStore *store = DraftStore::current();
    if (!store || !m_form || m_done)
        return;
    const QVariantMap now = capture(m_form);
    if (now == m_opening)
        store->discard(m_key);
    else
        store->save(m_key, now);
}

void FormDraft::done()
{
    m_done = true;
    m_timer->stop();
    if (DraftStore *store = DraftStore::current())
        store->discard(m_key);
}

QVariantMap FormDraft::capture(QWidget *form)
{
    QVariantMap fields;
    for (QWidget *w : form->findChildren<QWidget *>()) {
        const QString name = w->objectName();
        if (name.isEmpty() || name.startsWith(QLatin1String("qt_")) || isPartOfAnother(w))
            continue;
        if (auto *line = qobject_cast<QLineEdit *>(w); line && !line->isReadOnly())
            fields.insert(name, line->text());
        else if (auto *text = qobject_cast<QPlainTextEdit *>(w); text && !text->isReadOnly())
            fields.insert(name, text->toPlainText());
        else if (auto *combo = qobject_cast<QComboBox *>(w))
            fields.insert(name, combo->currentIndex());
        else if (auto *spin = qobject_cast<QSpinBox *>(w))
            fields.insert(name, spin->value());
        else if (auto *time = qobject_cast<QTimeEdit *>(w))
            fields.insert(name, time->time().toString(QStringLiteral("HH:mm")));
        else if (auto *button = qobject_cast<QAbstractButton *>(w); button && button->isCheckable())
            fields.insert(name, button->isChecked());
    }
    return fields;
}

void FormDraft::restore(QWidget *form, const QVariantMap &fields)
{
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        QWidget *w = form->findChild<QWidget *>(it.key());
        if (auto *line = qobject_cast<QLineEdit *>(w))
            line->setText(it.value().toString());
        else if (auto *text = qobject_cast<QPlainTextEdit *>(w))
            text->setPlainText(it.value().toString());
        else if (auto *combo = qobject_cast<QComboBox *>(w))
            combo->setCurrentIndex(it.value().toInt());
        else if (auto *spin = qobject_cast<QSpinBox *>(w))
            spin->setValue(it.value().toInt());
        else if (auto *time = qobject_cast<QTimeEdit *>(w))
            time->setTime(QTime::fromString(it.value().toString(), QStringLiteral("HH:mm")));
        else if (auto *button = qobject_cast<QAbstractButton *>(w))
            button->setChecked(it.value().toBool());
    }
}

QString draftBackText(const QString &what, const QDateTime &savedAt)
{
    const QString when = savedAt.date() == QDate::currentDate()
                             ? savedAt.toString(QStringLiteral("HH:mm"))
                             : domain::formatClinicalDate(savedAt.date()) + QLatin1Char(' ') + savedAt.toString(QStringLiteral("HH:mm"));
    return QCoreApplication::translate("Drafts", "Your unsaved %1 from %2 is back; nothing has been saved yet.")
        .arg(what, when);
}

} // namespace painmdt::ui
