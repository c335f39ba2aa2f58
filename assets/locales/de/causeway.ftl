# Causeway — Deutsch. Jede Sprachdatei hat genau diese Schlüssel (ein Test prüft das).

## Allgemein
opening = Deine Gruppen werden geöffnet …
dismiss = Schließen
continue = Weiter
save = Speichern
create = Gründen
cancel = Abbrechen
edit = Bearbeiten
delete = Löschen
remove = Entfernen
add = Hinzufügen
copy = Kopieren
close = Schließen
copied = Kopiert. Füge es in eine Nachricht an die Person ein, die du einlädst.

## Erster Start
welcome-title = Willkommen bei Causeway
welcome-name-help = Wähle den Namen, den andere Mitglieder deiner Gruppen sehen. Du kannst ihn später in den Einstellungen ändern.
your-name = Dein Name
your-bio = Ein paar Worte über dich
your-bio-optional = Ein paar Worte über dich (optional)
your-languages = Sprachen, die du liest
name-needed = Schreib zuerst einen Namen: Daran erkennen dich die anderen.

## Seitenleiste
my-groups = Meine Gruppen
all-groups = Alle Gruppen
create-group = Gruppe gründen
join-group = Einer Gruppe beitreten
settings = Einstellungen
seen-as = Andere sehen dich als { $name }
members-connected-short = { $count ->
    [0] Gerade ist niemand sonst verbunden
    [one] Ein anderes Mitglied ist verbunden
   *[other] { $count } andere Mitglieder sind verbunden
}
group-unread = { $count ->
    [one] { $name }, 1 ungelesener Beitrag
   *[other] { $name }, { $count } ungelesene Beiträge
}

## Eine Gruppe
group-arriving = Warten auf die Gruppe
group-arriving-help = Der Verlauf dieser Gruppe ist noch nicht angekommen. Er erscheint, sobald das Gerät eines anderen Mitglieds erreichbar ist.
no-longer-member = Du bist kein Mitglied dieser Gruppe mehr. Was vorher geteilt wurde, kannst du weiter lesen.
invite-people = Leute einladen
tab-feed = Beiträge
tab-members = Mitglieder
tab-about = Über
members-count = { $count ->
    [one] { $count } Mitglied
   *[other] { $count } Mitglieder
}
members-connected = { $total ->
    [0] Bisher bist du das einzige Mitglied
    [one] { $count ->
        [0] Das andere Mitglied ist nicht verbunden
       *[other] Das andere Mitglied ist verbunden
    }
   *[other] { $count } von { $total } anderen Mitgliedern verbunden
}
syncing = Wird abgeglichen …
last-sync = Zuletzt abgeglichen { $when }
never-synced = Noch mit niemandem abgeglichen
connection-details = Verbindungsdetails
reach-you = Dieses Gerät
reach-direct = Direkt verbunden
reach-relay = Über ein Relais verbunden
reach-seen = Zuletzt gesehen { $when }
reach-unreachable = Nicht erreichbar seit { $when }
reach-unknown = Noch nicht erreicht

## Beiträge
write-post = Beitrag schreiben
post-title = Titel (optional)
post-body = Dein Beitrag
post-language = Sprache
post-send = Veröffentlichen
post-shortcut = Strg+Eingabe veröffentlicht
post-later = Später
write-post-draft = Entwurf weiterschreiben
post-empty = Schreib etwas, bevor du veröffentlichst.
post-edit-title = Titel bearbeiten
post-edit-body = Text bearbeiten
post-edited = bearbeitet
post-pinned = Angeheftet
post-pin = Anheften
post-unpin = Loslösen
group-held = { $count ->
    [one] Eine Änderung in dieser Gruppe braucht ein neueres Causeway: Sie wird aufbewahrt und weitergegeben und erscheint nach dem Update.
   *[other] { $count } Änderungen in dieser Gruppe brauchen ein neueres Causeway: Sie werden aufbewahrt und weitergegeben und erscheinen nach dem Update.
}
no-posts = Noch keine Beiträge
no-posts-help = Schreib oben den ersten. Er erreicht das Gerät jedes Mitglieds, sobald es verbunden ist.
show-more = Mehr anzeigen
show-less = Weniger anzeigen
react-add = Reaktion hinzufügen
reacted-with = { $others ->
    [0] { $names } hat mit { $emoji } reagiert
    [one] { $names } und eine weitere Person haben mit { $emoji } reagiert
   *[other] { $names } und { $others } weitere Personen haben mit { $emoji } reagiert
}
emoji-search = Nach englischem Namen suchen (heart …)
emoji-none = Kein Emoji passt zu dieser Suche.
comments = { $count ->
    [0] Kommentieren
    [one] 1 Kommentar
   *[other] { $count } Kommentare
}
comment-write = Kommentar schreiben
reply = Antworten
reply-write = Antwort schreiben
comment-send = Senden

## Mitglieder
requests = Möchten beitreten
approve = Aufnehmen
decline = Ablehnen
decline-title = Die Anfrage von { $name } ablehnen?
decline-body = Die Anfrage wird vergessen. Mit einer Einladung kann die Person erneut anfragen.
remove-title = { $name } aus der Gruppe entfernen?
remove-body = Die Person erhält keine Beiträge der Gruppe mehr, und was sie ab jetzt schreibt, lehnt jedes Mitglied ab. Mitglieder können den Grund lesen, den du angibst.
reason-label = Grund (für Mitglieder sichtbar)
chars-left = { $count ->
    [one] Noch 1 Zeichen
   *[other] Noch { $count } Zeichen
}
delete-post-title = Diesen Beitrag löschen?
delete-comment-title = Diesen Kommentar löschen?
delete-body = Der Text wird auf den Geräten aller Mitglieder gelöscht. Das lässt sich nicht rückgängig machen.
role-owner = Gründer·in
role-admin = Admin
role-moderator = Moderation
role-member = Mitglied
role-removed = Kein Mitglied mehr
roles-explained = Was jede Rolle darf
role-owner-help = Hat die Gruppe gegründet. Darf alles, was ein Admin darf, und niemand kann diese Person entfernen.
role-admin-help = Lädt Leute ein, nimmt Anfragen an, ändert Rollen, entfernt Mitglieder, bearbeitet die Beschreibung der Gruppe und heftet Beiträge an.
role-moderator-help = Blendet Beiträge und Kommentare aus, die gegen die Regeln der Gruppe verstoßen, mit einem Grund, den die Mitglieder lesen können.
role-member-help = Liest, schreibt Beiträge, kommentiert und reagiert.
role-removed-help = Kann lesen, was vorher geteilt wurde, empfängt und sendet aber nichts mehr.

## Über die Gruppe und Formular
group-name = Name der Gruppe
group-name-needed = Gib der Gruppe zuerst einen Namen.
group-mission = Ziel
group-causes = Anliegen
group-tag = Anderes Anliegen
group-region = Region
group-languages = Sprachen
group-visibility = Wer beitreten kann
group-created = Gegründet
visibility-invite = Nur Leute, die wir einladen
visibility-request = Alle können fragen; ein Admin nimmt auf
visibility-open = Wer eine Einladung hat, tritt sofort bei
cause-environment = Umwelt
cause-housing = Wohnen
cause-education = Bildung
cause-health = Gesundheit
cause-food = Ernährung
cause-migration = Migration
cause-animals = Tiere
cause-culture = Kultur
cause-human-rights = Menschenrechte
cause-neighbourhood = Nachbarschaft

## Alle Gruppen
no-groups = Du bist noch in keiner Gruppe. Gründe eine Gruppe für dein Anliegen oder tritt mit einer erhaltenen Einladung einer bei.
no-groups-title = Noch keine Gruppen
filter-group = Gruppe
filter-cause = Anliegen
filter-language = Sprache
filter-any = Alle
no-posts-filtered = Keine Beiträge passen zu diesen Filtern.
no-posts-filtered-title = Hier ist nichts

## Einladen
invite-title = Leute zu { $group } einladen
invite-uses = Verwendbar
invite-uses-n = { $count ->
    [one] einmal
   *[other] { $count }-mal
}
invite-uses-any = beliebig oft
invite-expires = Läuft ab
invite-days = { $count ->
    [one] nach 1 Tag
   *[other] nach { $count } Tagen
}
invite-never = nie
invite-create = Einladung erstellen
invite-share = Schick diese Einladung der Person, die du in der Gruppe haben möchtest, oder lass sie den Code scannen. Wer sie hat, kann beitreten: Teile sie also privat.
invite-ticket = Einladung
invite-qr = Einladung als QR-Code
invite-open = Offene Einladungen
invite-used = { $count }-mal verwendet
invite-used-of = { $done } von { $total } verwendet
invite-until = bis { $when }
invite-withdraw = Zurückziehen

## Beitreten
join-title = Einer Gruppe beitreten
join-help = Füge die Einladung ein, die du bekommen hast. Die Person, die dich eingeladen hat, muss Causeway geöffnet haben, im selben Netz oder online.
join-paste = Einladung
join-button = Beitreten
join-reaching = Verbindung zum einladenden Gerät, die Gruppe wird empfangen …
join-invited-by = { $name } lädt dich zu { $group } ein
join-reaching-name = Verbindung zum Gerät von { $name } …
join-receiving = Die Gruppe wird empfangen: { $done } von { $total } Änderungen
join-waiting-approval = Du hast um Aufnahme gebeten. Ein Admin der Gruppe nimmt dich auf; dann erscheint die Gruppe hier.

## Einstellungen
settings-language = Sprache
settings-profile = Dein Profil
settings-look = Darstellung
settings-theme = Farbschema
theme-system = Wie das System
theme-light = Hell
theme-dark = Dunkel
settings-text-size = Textgröße
text-small = Klein
text-normal = Normal
text-large = Groß
text-larger = Sehr groß
settings-notifications = Benachrichtigungen
choose-folder = Auswählen …
export-folder-needed = Wähle zuerst einen Ordner für den Export.
save-profile = Speichern
settings-network = Verbindungen
relay-default = Die öffentlichen Relais von Causeway nutzen, wenn keine direkte Verbindung möglich ist
relay-custom = Unser eigenes Relais nutzen
relay-url = Adresse des Relais
relay-none = Nur direkte Verbindungen (kein Relais)
lan-discovery = Mitglieder im lokalen Netz finden
settings-network-save = Verbindungseinstellungen speichern
settings-network-restart = Gespeichert. Die neuen Verbindungseinstellungen gelten ab dem nächsten Start von Causeway.
notify-title = { $name } in { $group }
notify-more = { $count ->
    [one] und 1 weiterer neuer Beitrag
   *[other] und { $count } weitere neue Beiträge
}
settings-notify = Bei neuen Beiträgen in meinen Gruppen eine Desktop-Benachrichtigung zeigen
settings-data-folder = Wo deine Daten liegen
settings-export = Gruppe exportieren
settings-export-help = Speichert die Gruppe in diesem Ordner, als lesbare JSON-Datei und als Automerge-Datei.
settings-export-folder = Ordner
settings-export-group = { $group } exportieren
settings-exported = { $group } wurde nach { $path } exportiert.

## Fehler: was passiert ist und was zu tun ist
error-unreachable = Das andere Gerät ist nicht erreichbar. Prüfe, ob es eingeschaltet ist und Causeway offen hat und ob du online oder im selben Netz bist, und versuch es dann noch einmal.
error-not-member = Dieses Gerät führt dich nicht mehr als Mitglied dieser Gruppe.
error-refused = Das andere Gerät ist beschäftigt. Causeway versucht es von selbst wieder.
error-invite-expired = Diese Einladung ist abgelaufen. Bitte um eine neue.
error-invite-used-up = Diese Einladung wurde so oft verwendet wie erlaubt. Bitte um eine neue.
error-invite-revoked = Diese Einladung wurde zurückgezogen. Bitte um eine neue.
error-invite-unknown = Diese Einladung ist ungültig. Prüfe, ob du sie vollständig kopiert hast, oder bitte um eine neue.
error-too-many-requests = Diese Gruppe hat zu viele Anfragen, die auf die Antwort eines Admins warten. Versuche es in ein paar Tagen noch einmal.
error-inviter-not-admin = Die Person, die dich eingeladen hat, kann keine Mitglieder mehr aufnehmen. Bitte einen Admin der Gruppe um eine neue Einladung.
error-bad-ticket = Das ist keine vollständige Causeway-Einladung. Kopiere die ganze Einladung noch einmal und füge sie ein.
error-disk = Causeway konnte nicht auf die Festplatte speichern: Sie ist wahrscheinlich voll. Was du gerade getan hast, bleibt erhalten und wird gespeichert, sobald wieder Platz ist: Schaffe Platz und lass Causeway bis dahin geöffnet.
error-disk-read-only = Causeway kann nicht in seinen Datenordner schreiben: Er ist schreibgeschützt oder gehört einem anderen Benutzer. Nichts bereits Gespeichertes ist verloren. Mach den Ordner beschreibbar oder starte Causeway mit einem anderen Ordner (--data-dir).
error-other = Etwas ist schiefgegangen.

## Zeit
time-just-now = gerade eben
time-minutes-ago = { $count ->
    [one] vor 1 Minute
   *[other] vor { $count } Minuten
}
time-hours-ago = { $count ->
    [one] vor 1 Stunde
   *[other] vor { $count } Stunden
}
month-1 = Jan.
month-2 = Feb.
month-3 = März
month-4 = Apr.
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = Aug.
month-9 = Sept.
month-10 = Okt.
month-11 = Nov.
month-12 = Dez.
