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
your-bio-hint = Die Mitglieder deiner Gruppen sehen diese Worte in der Mitgliederliste und wenn sie auf deinen Namen zeigen.
your-languages = Sprachen, die du liest
name-needed = Schreib zuerst einen Namen: Daran erkennen dich die anderen.

## Seitenleiste
my-groups = Meine Gruppen
all-groups = Alle Gruppen
create-group = Gruppe gründen
join-group = Einer Gruppe beitreten
settings = Einstellungen
help = Hilfe
help-shortcuts = Tastenkürzel
keys-ctrl-enter = Strg+Eingabe
shortcut-post = Veröffentlicht, was du schreibst
keys-enter = Eingabe
shortcut-comment = Sendet einen Kommentar oder eine Antwort
keys-escape = Esc
shortcut-close = Schließt ein Fenster, eine Frage oder ein Menü, ohne etwas zu ändern
keys-tab = Tab, Umschalt+Tab
shortcut-tab = Springt zum nächsten oder vorigen Feld oder Knopf
keys-zoom = Strg+Plus, Strg+Minus
shortcut-zoom = Macht alles größer oder kleiner (die Textgröße gibt es auch in den Einstellungen)
keys-select-all = Strg+A
shortcut-select-all = Markiert den ganzen Text eines Feldes
help-formatting = Beiträge und Kommentare gestalten
help-formatting-body = Beiträge und Kommentare verstehen Markdown. Ein Link öffnet sich erst im Browser, wenn du ihn anklickst; die Adresse erscheint, wenn du darauf zeigst.
help-formatting-example = **fett**, *kursiv*, [ein Link](https://example.org)
    - eine Liste
    - von Dingen
help-formatting-shows = Sieht so aus:
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
bundle-title = Diese Gruppe ohne Netz mitnehmen
bundle-help = Wo es kein Internet und kein gemeinsames Netz gibt, reist die Gruppe auf einem USB-Stick: Schreibe hier ein Bündel und lies es auf dem Gerät eines anderen Mitglieds. Jede Änderung darin wird dort so geprüft, als wäre sie über das Netz gekommen.
bundle-write = Bündel schreiben
bundle-read = Bündel lesen …
bundle-drop = Oder ziehe eine Bündel-Datei auf dieses Fenster. Bündel werden in den Exportordner geschrieben, der in den Einstellungen gewählt ist.
bundle-files = Causeway-Bündel
bundle-no-picker = Auf diesem Rechner ließ sich keine Dateiauswahl öffnen. Ziehe die Bündel-Datei stattdessen auf dieses Fenster.
bundle-written = Das Bündel wurde nach { $path } geschrieben ({ $count } Änderungen).
bundle-taken = Das Bündel brachte { $count ->
    [0] nichts Neues für { $group }
    [one] 1 neue Änderung für { $group }
   *[other] { $count } neue Änderungen für { $group }
}{ $refused ->
    [0] .
   *[other] ; { $refused } wurden abgelehnt (nicht von einem Mitglied signiert oder nicht erlaubt).
}
tab-feed = Beiträge
tab-documents = Dokumente
docs-new-title = Titel eines neuen Dokuments
docs-new = Neues Dokument
docs-new-from-file = Aus einer Markdown-Datei …
docs-new-from-file-help = Oder ziehe eine Markdown-Datei auf dieses Fenster.
docs-no-picker = Auf diesem Rechner ließ sich keine Dateiauswahl öffnen. Ziehe die Markdown-Datei stattdessen auf dieses Fenster.
docs-markdown-files = Markdown- und Textdateien
docs-file-unreadable = Die Datei { $path } konnte nicht gelesen werden ({ $detail }). Prüfe, ob sie noch da ist und du sie öffnen darfst, oder wähle eine andere.
docs-none = Noch keine Dokumente
docs-none-help = Ein Dokument ist ein Text, den die ganze Gruppe zusammen schreibt: der Kampagnenplan, das Protokoll, ein Flyer. Gib oben einen Titel ein, um eins anzufangen.
docs-by = von { $name }, { $when }
docs-last = zuletzt geändert von { $name }, { $when } · { $count ->
    [one] 1 Zeichen
   *[other] { $count } Zeichen
}
docs-archived = archiviert
docs-hidden = von einer Moderation ausgeblendet: { $detail }
doc-back = ← Alle Dokumente
doc-export = Exportieren …
doc-export-help = Schreibt das Dokument als Markdown- und als Automerge-Datei in den Exportordner, der in den Einstellungen gewählt ist.
doc-exported = „{ $title }“ wurde als { $markdown } (Markdown) und { $automerge } (Automerge) geschrieben.
doc-settings = Einstellungen des Dokuments
doc-title = Titel
doc-rename = Umbenennen
doc-archive = Archivieren
doc-unarchive = Aus dem Archiv holen
doc-hide = Ausblenden
doc-unhide = Wieder zeigen
doc-hide-title = „{ $name }“ ausblenden?
doc-hide-body = Mitglieder sehen dieses Dokument nicht mehr in der Liste; die Moderation schon. Sag, warum: Mitglieder können es lesen.
doc-editors = Wer bearbeiten darf
doc-editors-all = Alle Mitglieder
doc-editors-admins = Nur Admins
doc-editors-listed = Die aufgeführten Mitglieder
doc-text = Text des Dokuments
doc-bold = Fett
doc-italic = Kursiv
doc-link = Link…
doc-link-address = Linkadresse
doc-link-apply = Link setzen
doc-link-remove = Link entfernen
doc-kind = Art des Absatzes
doc-kind-paragraph = Absatz
doc-kind-heading = Überschrift { $count }
doc-kind-bullet = Aufzählung
doc-kind-numbered = Nummerierte Liste
doc-kind-quote = Zitat
doc-history = Verlauf
doc-history-close = Verlauf schließen
doc-who-wrote = Wer was geschrieben hat
doc-version = Version { $count } von { $name }, { $when }
doc-show-version = Zeigen
doc-restore = Wiederherstellen
doc-compare = Mit jetzt vergleichen
doc-comparing = Was sich seit Version { $count } geändert hat (durchgestrichen: entfernt; unterstrichen: hinzugefügt)
doc-back-to-now = Zurück zum aktuellen Text
doc-read-only = Du kannst dieses Dokument lesen. Wer es erstellt hat oder eine Admin kann dich bearbeiten lassen.
doc-masked = Änderungen von jemandem, der dieses Dokument nicht mehr bearbeiten darf, sind ausgeblendet; deshalb wird es hier ohne Bearbeitung gezeigt. Über die Befehlszeile lässt es sich weiter ändern.
doc-also-here = Auch hier: { $names }
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
delete-body = Der Text wird auf dem Gerät jedes Mitglieds entfernt. Du kannst das danach einige Sekunden lang rückgängig machen.
undo = Rückgängig
post-deleted = Beitrag gelöscht.
comment-deleted = Kommentar gelöscht.
withdraw-title = Diese Einladung zurückziehen?
withdraw-body = Wer sie hat, kann damit nicht mehr beitreten. Wer schon beigetreten ist, bleibt Mitglied.
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
invite-used = { $count ->
    [0] noch nicht verwendet
    [one] einmal verwendet
   *[other] { $count }-mal verwendet
}
invite-used-of = { $done } von { $total } verwendet
invite-until = bis { $when }
invite-withdraw = Zurückziehen
invite-show = Erneut zeigen

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
running-title = Jetzt in Gebrauch
running-loopback = Nur dieser Computer (ein Test oder eine Vorführung): Nichts verlässt ihn.
running-relay-default = Die öffentlichen Relais von Causeway, wenn keine direkte Verbindung möglich ist
running-relay-custom = Euer eigenes Relais, { $url }, wenn keine direkte Verbindung möglich ist
running-relay-none = Nur direkte Verbindungen, kein Relais
running-lan-on = Sucht Mitglieder im lokalen Netz
running-lan-off = Sucht keine Mitglieder im lokalen Netz
running-relay-connected = Mit dem Relais { $url } verbunden
running-relay-waiting = Gerade mit keinem Relais verbunden: Mitglieder erreichen dieses Gerät nur direkt
saved-title = Beim nächsten Start
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
settings-reminders = Erinnere mich vor Terminen, zu denen ich gehe:
settings-remind-day = einen Tag vorher
settings-remind-hour = eine Stunde vorher
settings-remind-quarter = 15 Minuten vorher
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
error-name-required = Ein Anzeigename ist nötig. Gib den Namen ein, den die anderen Mitglieder sehen.
error-name-before-creating = Wähle einen Anzeigenamen, bevor du eine Gruppe gründest: Gib in den Einstellungen den Namen ein, den die anderen Mitglieder sehen.
error-name-before-joining = Wähle einen Anzeigenamen, bevor du einer Gruppe beitrittst: Gib in den Einstellungen den Namen ein, den die anderen Mitglieder sehen.
error-group-name-required = Die Gruppe hat noch keinen Namen. Gib ihr einen.
error-too-long-display-name = Der Anzeigename ist länger als { $max } Zeichen. Kürze ihn und versuch es noch einmal.
error-too-long-bio = Der Text über dich ist länger als { $max } Zeichen. Kürze ihn und versuch es noch einmal.
error-too-long-group-name = Der Name der Gruppe ist länger als { $max } Zeichen. Kürze ihn und versuch es noch einmal.
error-too-long-mission = Das Ziel ist länger als { $max } Zeichen. Kürze es und versuch es noch einmal.
error-too-long-region = Die Region ist länger als { $max } Zeichen. Kürze sie und versuch es noch einmal.
error-too-long-title = Der Titel ist länger als { $max } Zeichen. Kürze ihn und versuch es noch einmal.
error-too-long-post-text = Der Text des Beitrags ist länger als { $max } Zeichen. Kürze ihn oder verteile ihn auf mehrere Beiträge.
error-too-long-comment = Der Kommentar ist länger als { $max } Zeichen. Kürze ihn oder verteile ihn auf mehrere Kommentare.
error-too-long-reason = Die Begründung ist länger als { $max } Zeichen. Kürze sie und versuch es noch einmal.
error-bad-tag = Jedes Anliegen und jede Sprache muss 1 bis { $max } Zeichen lang sein. Entferne die leeren oder zu langen.
error-post-empty = Der Beitrag ist leer. Schreib zuerst einen Titel oder einen Text.
error-comment-empty = Der Kommentar ist leer. Schreib zuerst etwas.
error-bad-reaction = Eine Reaktion ist ein einzelnes Emoji oder ein kurzes Wort. Wähle eine andere.
error-remove-yourself = Du kannst dich nicht selbst aus der Gruppe entfernen. Wenn du gehen möchtest, verlass die Gruppe stattdessen.
error-nothing-to-change = Es wurde nichts geändert. Ändere zuerst etwas und speichere dann.
error-not-a-member = Du bist (nicht mehr) Mitglied dieser Gruppe und kannst das deshalb nicht tun. Bitte einen Admin, dich erneut einzuladen.
error-not-yours = Du kannst nur deine eigenen Beiträge und Kommentare ändern. Wende dich an die Person, die ihn geschrieben hat.
error-only-admins-upgrade = Nur Admins und die Gründer·in können eine Gruppe aktualisieren. Bitte eine dieser Personen darum.
error-only-admins-pin = Nur Admins und die Gründer·in können Beiträge anheften oder loslösen. Bitte eine dieser Personen darum.
error-only-admins-invite = Nur Admins der Gruppe können Leute einladen. Bitte einen Admin um eine Einladung.
error-role-does-not-allow = Deine Rolle in dieser Gruppe erlaubt das nicht. Wende dich an einen Admin, wenn du es brauchst.
error-change-refused = Causeway hat diese Änderung abgelehnt, weil sie gegen die Regeln der Gruppe verstößt ({ $detail }). Es wurde nichts geändert; bitte melde diesen Fehler.
error-not-arrived = Diese Gruppe ist noch nicht auf diesem Gerät angekommen. Wenn du um Aufnahme gebeten hast, muss dich zuerst ein Admin aufnehmen. Versuch es noch einmal, sobald sie ihre Beiträge zeigt.
error-needs-upgrade = Diese Gruppe hat noch keine angehefteten Beiträge: Sie muss zuerst aktualisiert werden. Bitte einen Admin darum.
error-already-newest = Diese Gruppe ist schon auf dem neuesten Stand. Es gibt nichts zu aktualisieren.
error-pin-hidden-post = Dieser Beitrag ist gelöscht oder ausgeblendet. Anheften lässt sich nur ein Beitrag, den alle sehen.
error-already-pinned = Dieser Beitrag ist schon angeheftet. Es gibt nichts zu tun.
error-not-pinned = Dieser Beitrag ist nicht angeheftet. Es gibt nichts loszulösen.
error-post-not-found = Dieser Beitrag wurde in dieser Gruppe nicht gefunden. Warte, bis die Gruppe abgeglichen ist, und versuch es dann noch einmal.
error-member-not-found = Diese Person ist kein Mitglied dieser Gruppe. Prüfe die Mitgliederliste und versuch es noch einmal.
error-item-not-found = Dieser Beitrag oder Kommentar wurde in dieser Gruppe nicht gefunden. Warte, bis die Gruppe abgeglichen ist, und versuch es dann noch einmal.
error-document-not-empty = Causeway konnte nicht den ganzen Verlauf der Gruppe übernehmen, weil es schon einen Teil davon hat. Gleiche noch einmal ab; wenn das wieder passiert, melde es bitte.
error-not-an-editor = Du darfst dieses Dokument nicht bearbeiten. Bitte die Person, die es erstellt hat, oder eine Admin, dich als Bearbeiter hinzuzufügen.
error-doc-not-arrived = Dieses Dokument ist noch nicht auf diesem Gerät angekommen. Versuche es noch einmal, sobald sein Text zu sehen ist.
error-doc-too-long = Ein Dokument kann höchstens { $max } Zeichen enthalten. Teile es in zwei Dokumente.
error-position-past-end = Diese Stelle gibt es im Dokument nicht mehr (jemand anderes hat es geändert). Versuche es noch einmal.
error-bad-link = Ein Link muss eine Webadresse (https://…) oder eine Mailadresse (mailto:…) sein.
error-doc-not-found = Dieses Dokument wurde in dieser Gruppe nicht gefunden.
error-doc-title-required = Gib dem Dokument einen Titel.
error-only-stewards = Nur wer das Dokument erstellt hat und Admins können es umbenennen, archivieren oder festlegen, wer es bearbeitet.
error-markdown-too-large = Die Datei ist größer als { $max } Bytes, mehr als ein Dokument fassen kann. Teile sie oder importiere einen Teil davon.
error-markdown-not-text = Diese Datei ist keine Textdatei. Wähle eine Markdown-Datei (.md) oder eine reine Textdatei.
error-no-such-version = Das Dokument hat keine Version „{ $version }“. Sein Verlauf zeigt die Versionen, die es hat.
error-not-a-bundle = Diese Datei ist kein Causeway-Bündel. Ein Bündel entsteht mit „Bündel schreiben“ oder `causeway bundle write`.
error-bundle-too-new = Das Bündel wurde von einem neueren Causeway geschrieben. Aktualisiere Causeway auf diesem Gerät, um es zu lesen.
error-bundle-damaged = Das Bündel ist beschädigt oder unvollständig (vielleicht wurde der Stick beim Schreiben abgezogen). Nichts davon wurde übernommen; schreibe es auf dem Gerät, von dem es kommt, noch einmal.
error-bundle-too-large = Das Bündel ist größer als { $max } Bytes. Schreibe nur, was dem Mitglied fehlt (--for), oder eine Gruppe nach der anderen.
error-bundle-other-group = Das Bündel gehört zu einer Gruppe, in der dieses Gerät nicht ist ({ $group }). Tritt zuerst der Gruppe bei und lies das Bündel dann noch einmal.
error-bundle-unreadable = Die Datei { $path } konnte nicht gelesen werden ({ $detail }). Prüfe, ob der Stick noch steckt und die Datei da ist.
error-bad-relay-address = „{ $url }“ ist keine Relais-Adresse. Eine Relais-Adresse sieht so aus: https://relay.example.org.
error-other-process-silent = Ein anderes Causeway benutzt diesen Datenordner, antwortet aber nicht ({ $detail }). Schließe es und versuch es noch einmal.
error-export-folder = Der Ordner { $path } konnte nicht angelegt werden ({ $detail }). Wähle einen anderen Ordner.
error-export-write = Die Datei { $path } konnte nicht geschrieben werden ({ $detail }). Prüfe, ob genug Platz ist und der Ordner beschreibbar ist, oder wähle einen anderen Ordner.
error-unknown-invite = Dieses Gerät kennt diese Einladung nicht. Prüfe, ob du sie von diesem Gerät aus verschickt hast.
error-invite-for-other-group = Diese Einladung gilt für eine andere Gruppe. Zieh sie in der Einladungsliste jener Gruppe zurück.
error-owner-role-not-given = Die Rolle der Gründer·in kann niemandem gegeben werden. Wähle Mitglied, Moderation oder Admin.
error-no-such-request = Diese Beitrittsanfrage wartet nicht mehr. Vielleicht hat schon jemand darauf geantwortet.
error-peer-lacks-group = Das andere Gerät hat diese Gruppe nicht. Versuch es mit dem Gerät eines anderen Mitglieds.
error-disk-failed = Causeway konnte die Datei { $path } nicht benutzen ({ $detail }). Nichts bereits Gespeichertes ist verloren. Prüfe die Festplatte und versuch es dann noch einmal.
error-data-folder-in-use = Der Datenordner { $path } wird schon von einem anderen Causeway benutzt. Schließe dieses zuerst oder starte Causeway mit einem anderen Ordner (--data-dir).
error-key-damaged = Die Schlüsseldatei des Geräts { $path } enthält { $count ->
    [one] { $count } Byte
   *[other] { $count } Bytes
} statt 32 und wurde nicht verändert. Stelle sie aus einer Sicherung wieder her oder verschiebe sie, um dieses Gerät mit einer neuen Identität zu starten.
error-file-damaged = Die Datei { $path } ist beschädigt und wurde nicht verändert. Stelle sie aus einer Sicherung wieder her oder verschiebe den Ordner der Gruppe, um die Gruppe erneut von anderen Mitgliedern zu holen.
error-newer-format = Die Datei { $path } wurde von einer neueren Version von Causeway geschrieben. Aktualisiere Causeway.
error-restart-needed = Ein früherer Schreibvorgang in { $path } ist fehlgeschlagen und ließ sich nicht rückgängig machen. Starte Causeway neu, um die Gruppe neu zu laden.
error-invalid-id = „{ $input }“ ist keine gültige Kennung. Kopiere sie noch einmal vollständig.
error-bad-signature = Eine Signatur passt nicht zu ihrem Urheber, deshalb wurde die Änderung nicht angenommen. Wenn das wieder passiert, melde es bitte.
error-group-damaged = Die Gruppe { $group } konnte nicht geöffnet werden ({ $detail }). Sie blieb unverändert auf der Festplatte; bitte melde diesen Fehler.
error-unknown-group = Auf diesem Gerät gibt es keine Gruppe { $group }. Prüfe, welche Gruppe du meinst, oder tritt ihr zuerst bei.
error-bad-profile = Deine Profildatei ist beschädigt ({ $detail }). Gib deinen Namen in den Einstellungen noch einmal ein.
error-protocol = Das andere Gerät hat etwas geschickt, das Causeway nicht versteht ({ $detail }). Prüfe, ob auf beiden Geräten dieselbe Version von Causeway läuft.
error-randomness = Das System konnte keine Zufallszahlen liefern ({ $detail }). Starte den Computer neu und versuch es dann noch einmal.
error-internal = In Causeway ist etwas schiefgegangen ({ $detail }). Bitte melde diesen Fehler und versuch es dann noch einmal.
warning-invites-unreadable = Deine Liste der Einladungen konnte nicht gelesen werden ({ $detail }). Einladungen, die du früher verschickt hast, musst du vielleicht noch einmal verschicken.
warning-group-not-opened = Die Gruppe { $group } konnte nicht geöffnet werden und blieb unverändert auf der Festplatte ({ $detail }). Stelle sie aus einer Sicherung wieder her oder verschiebe ihren Ordner, um sie erneut von anderen Mitgliedern zu holen.
warning-log-tail-set-aside = Das Ende von { $path } war beschädigt, wahrscheinlich durch einen unterbrochenen Schreibvorgang. { $count ->
    [one] { $count } Byte ab Position { $offset } wurde
   *[other] { $count } Bytes ab Position { $offset } wurden
} nach { $copy } verschoben, und das Protokoll wurde auf seinen letzten guten Eintrag gekürzt. Du musst nichts weiter tun.
warning-log-records-skipped = In { $path } { $count ->
    [one] wurde { $count } beschädigtes Byte an Position { $offset } übersprungen
   *[other] wurden { $count } beschädigte Bytes an Position { $offset } übersprungen
} und nach { $copy } kopiert. Die guten Einträge danach blieben erhalten; du musst nichts weiter tun.

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

## Termine, Umfragen, Aufgaben und Schichten: was der Kern ablehnt
error-too-long-place = Der Ort ist länger als { $max } Zeichen. Kürze ihn und versuch es noch einmal.
error-too-long-time-zone = Das ist kein Name einer Zeitzone. Nimm einen Namen wie Europe/Berlin.
error-too-long-question = Die Frage ist länger als { $max } Zeichen. Kürze sie und versuch es noch einmal.
error-too-long-option = Eine Antwortmöglichkeit ist länger als { $max } Zeichen. Kürze sie und versuch es noch einmal.
error-too-long-notes = Die Notizen sind länger als { $max } Zeichen. Kürze sie und versuch es noch einmal.
error-end-before-start = Das Ende liegt vor dem Beginn. Gib ein Ende nach dem Beginn an.
error-date-out-of-range = Dieses Datum liegt außerhalb des Bereichs. Gib ein Datum ab 1970 an, höchstens ein Jahr lang.
error-event-not-found = Dieser Termin wurde in dieser Gruppe nicht gefunden.
error-poll-not-found = Diese Umfrage wurde in dieser Gruppe nicht gefunden.
error-task-not-found = Diese Aufgabe wurde in dieser Gruppe nicht gefunden.
error-shift-not-found = Diese Schicht wurde in dieser Gruppe nicht gefunden.
error-event-title-required = Gib dem Termin einen Titel.
error-not-an-organiser = Nur die Organisierenden des Termins und Admins können ihn ändern.
error-event-cancelled = Dieser Termin ist abgesagt; er nimmt keine Antworten mehr an.
error-bad-capacity = Die Zahl der Plätze muss zwischen 1 und { $max } liegen.
error-poll-options = Eine Umfrage hat { $min } bis { $max } Antwortmöglichkeiten, keine davon leer.
error-question-required = Schreib zuerst die Frage der Umfrage.
error-poll-closed = Diese Umfrage ist geschlossen; ihr Ergebnis steht fest.
error-no-such-option = Diese Antwortmöglichkeit gibt es in dieser Umfrage nicht. Wähle eine ihrer Möglichkeiten.
error-single-choice = Diese Umfrage nimmt nur eine Antwort. Wähle eine Möglichkeit.
error-no-new-options = Nur wer die Umfrage erstellt hat, kann ihr Antwortmöglichkeiten hinzufügen.
error-only-creator-or-admin = Das können nur wer es erstellt hat und Admins.
error-task-title-required = Gib der Aufgabe einen Titel.
error-not-on-task = Nur wer die Aufgabe erstellt hat, wer sie übernommen hat und Admins können sie ändern. Übernimm die Aufgabe zuerst.
error-shift-full = Diese Schicht ist voll. Wähle eine andere oder bitte die Organisation um einen Platz mehr.
error-shift-title-required = Gib der Schicht einen Titel.
error-bad-date = „{ $given }“ ist kein Datum. Schreib es so: 2026-12-12 10:00, oder 2026-12-12 für einen ganzen Tag.
error-unknown-zone = „{ $zone }“ ist keine Zeitzone. Schreib sie so: Europe/Berlin oder America/Sao_Paulo.
error-no-such-time = { $given } gibt es in { $zone } nicht: Die Uhren überspringen diese Stunde. Wähle eine andere Zeit.

## Termine, Umfragen, Aufgaben und Schichten im Fenster
tab-events = Termine
tab-polls = Umfragen
tab-tasks = Aufgaben
agenda = Kalender
agenda-none = Noch nichts geplant
agenda-none-body = Hier stehen die Termine all deiner Gruppen. Leg einen im Reiter Termine einer Gruppe an.
agenda-mine = Du bist dabei
agenda-upcoming = Demnächst
agenda-past = Vorbei
coming-up = Demnächst
coming-up-all = Alle Termine
events-list = Liste
events-month = Monat
events-past = Auch vergangene Termine
events-none = Keine Termine demnächst
events-none-body = Plane die nächste Aufräumaktion, den Workshop oder das Treffen mit „Neuer Termin“.
event-new = Neuer Termin
event-edit-title = Termin ändern
event-title = Titel
event-all-day = Ganztägig
event-date = Datum
event-last-day = Letzter Tag
event-starts = Beginn
event-ends = Ende
event-zone = Zeitzone
event-date-hint = Daten so: 2026-12-12, Uhrzeiten so: 10:00.
event-place-label = Ort (eine Adresse)
event-online-label = Online-Link
event-capacity = Plätze (leer lassen: ohne Grenze)
event-capacity-bad = Gib eine Zahl von Plätzen an oder lass das Feld leer.
event-body = Worum es geht
event-create = Termin anlegen
event-save = Speichern
event-edit = Ändern
event-cancel = Termin absagen
event-uncancel = Absage zurücknehmen
event-cancel-title = „{ $name }“ absagen?
event-cancel-body = Alle, die geantwortet haben, sehen die Absage. Du kannst sie später zurücknehmen.
event-organisers = Organisiert von { $names }
event-add-organiser = Organisator·in hinzufügen
event-cancelled = Abgesagt
event-moved = Verschoben: es war { $when }
event-place = Wo: { $place }
event-online = Online teilnehmen
event-counts = { $going } kommen · { $maybe } vielleicht · { $no } können nicht
event-counts-places = { $going } von { $places } Plätzen vergeben · { $waiting } warten · { $maybe } vielleicht · { $no } können nicht
event-going = Kommen: { $names }
event-waiting = Warten auf einen Platz: { $names }
event-you-wait = Die Plätze sind vergeben: Du stehst auf der Warteliste und rückst nach, wenn jemand absagt.
event-ics = In meinen Kalender (.ics)
ics-written = Gespeichert als { $path }. Öffne die Datei, um den Termin in deinen Kalender zu übernehmen.
rsvp-yes = Ich komme
rsvp-maybe = Vielleicht
rsvp-no = Kann nicht
month-before = Der Monat davor
month-after = Der Monat danach
month-day-empty = An diesem Tag ist nichts geplant.
month-today = Heute
month-title = { $month } { $year }
date-short = { $weekday }, { $day }. { $month }
when-all-day = { $day }, ganztägig
when-days = { $first } – { $last }
weekday-1 = Mo
weekday-2 = Di
weekday-3 = Mi
weekday-4 = Do
weekday-5 = Fr
weekday-6 = Sa
weekday-7 = So
month-long-1 = Januar
month-long-2 = Februar
month-long-3 = März
month-long-4 = April
month-long-5 = Mai
month-long-6 = Juni
month-long-7 = Juli
month-long-8 = August
month-long-9 = September
month-long-10 = Oktober
month-long-11 = November
month-long-12 = Dezember
shifts = Schichten
shifts-none = Keine Schichten geplant. Leg eine für den Marktstand oder den Empfang beim Workshop an.
shift-new = Neue Schicht
shift-title = Was es ist
shift-places-label = Plätze
shift-places-bad = Gib an, wie viele Leute es braucht (1 oder mehr).
shift-create = Schicht anlegen
shift-places = { $taken } von { $places } Plätzen vergeben
shift-standing-by = In Reserve: { $names }
shift-you-are-in = Du hast einen Platz.
shift-you-stand-by = Du hast dich eingetragen, als es voll war: Du bist in Reserve.
shift-join = Eintragen
shift-leave = Austragen
shift-cancel = Schicht absagen
shift-cancel-title = „{ $name }“ absagen?
shift-cancel-body = Alle, die sich eingetragen haben, sehen die Absage. Du kannst sie später zurücknehmen.
shift-full = Voll
poll-new = Neue Umfrage
poll-not-secret = Abstimmungen sind nicht geheim: Alle Mitglieder sehen, wer was gewählt hat.
polls-none = Noch keine Umfragen
polls-none-body = Stell der Gruppe eine Frage mit „Neue Umfrage“.
poll-question = Frage
poll-option-n = Möglichkeit { $count }
poll-remove-option = Diese Möglichkeit entfernen
poll-more-options = Noch eine Möglichkeit
poll-multiple = Mitglieder dürfen mehrere Möglichkeiten wählen
poll-open = Mitglieder dürfen Möglichkeiten hinzufügen
poll-create = Frage stellen
poll-closed = Geschlossen
poll-how-single = Eine Antwort · { $count ->
    [one] { $count } Mitglied hat abgestimmt
   *[other] { $count } Mitglieder haben abgestimmt
}
poll-how-multiple = Mehrere Antworten · { $count ->
    [one] { $count } Mitglied hat abgestimmt
   *[other] { $count } Mitglieder haben abgestimmt
}
poll-vote = Abstimmen
poll-change-vote = Meine Stimme ändern
poll-withdraw = Meine Stimme zurückziehen
poll-close = Umfrage schließen
poll-close-title = „{ $name }“ schließen?
poll-close-body = Danach kann niemand mehr abstimmen oder seine Stimme ändern; das Ergebnis steht fest.
poll-add-option = Eine neue Möglichkeit
poll-add = Hinzufügen
tasks-none = Noch keine Aufgaben
tasks-none-body = Trag ein, was zu tun ist; jedes Mitglied kann eine Aufgabe übernehmen.
task-new = Neue Aufgabe
task-due-label = Fällig
task-add = Aufgabe hinzufügen
task-open = offen
task-doing = in Arbeit
task-done = erledigt
task-due = Fällig am { $when }
task-on-it = Dran: { $names }
task-take = Mach ich
task-let-go = Abgeben
task-mark-doing = Angefangen
task-mark-done = Erledigt
task-reopen = Wieder öffnen
remind-soon-minutes = { $name } beginnt in { $count ->
    [one] { $count } Minute
   *[other] { $count } Minuten
}
remind-soon-hours = { $name } beginnt in { $count ->
    [one] { $count } Stunde
   *[other] { $count } Stunden
}
remind-soon-days = { $name } beginnt in { $count ->
    [one] { $count } Tag
   *[other] { $count } Tagen
}
remind-moved = { $name } wurde verschoben
remind-moved-to = Jetzt: { $when }.
remind-cancelled = { $name } ist abgesagt

## Pictures and files
attach-files = Bilder oder Dateien anhängen…
attach-drop = Lass die Dateien los, um sie an deinen Beitrag zu hängen
attach-remove = { $name } entfernen
attach-privacy = Ort und Kameradaten werden aus Fotos entfernt, bevor sie geteilt werden.
file-download = Herunterladen
file-open = Öffnen
file-save = Speichern
file-waiting = Noch nicht hier: Sie kommt von einem Mitglied, das sie hat, sobald eines online ist.
file-lies = Diese Datei ist nicht das, was die Gruppe über sie sagt; sie wurde nicht behalten.
file-saved = Gespeichert unter { $path }
picture-loading = Das Bild wird geladen…
picture-damaged = Dieses Bild kann nicht gezeigt werden: Es ist beschädigt oder kein echtes Bild.
picture-too-large = Dieses Bild ist zu groß, um es zu zeigen.
picture-kind = Bilder
picture-no-picker = Auf diesem Computer ließ sich keine Dateiauswahl öffnen.
size-mb = { $mb } MB
size-kb = { $kb } kB
size-bytes = { $count ->
    [one] { $count } Byte
   *[other] { $count } Bytes
}
avatar-label = Dein Bild
avatar-choose = Bild wählen…
avatar-remove = Bild entfernen
group-picture = Bild der Gruppe
group-picture-choose = Bild wählen…
group-picture-remove = Bild entfernen
settings-files = Bilder und Dateien
settings-auto-download = Bilder von selbst herunterladen bis
settings-auto-download-help = Vorschaubilder und die Bilder der Mitglieder kommen immer von selbst. Größere Bilder und andere Dateien werden geladen, wenn du sie öffnest.
settings-space = { $group }: { $here } hier von { $all }
settings-free-space = Platz freigeben
settings-free-space-help = Entfernt von diesem Gerät die Dateien, die keine Gruppe mehr nutzt.
settings-freed = { $size } freigegeben.
error-file-empty = Diese Datei ist leer.
error-file-too-large = Diese Datei ist größer, als diese Gruppe annimmt ({ $max_mb } MB). Ein Admin kann die Grenze in den Einstellungen der Gruppe anheben.
error-group-files-full = Die Dateien dieser Gruppe würden ihre Grenze von { $max_mb } MB überschreiten. Entferne alte Dateien oder bitte einen Admin, die Grenze anzuheben.
error-file-limit-out-of-range = Eine Grenze für Dateien liegt zwischen 1 MB und { $max_mb } MB.
error-bad-file-name = Ein Dateiname darf keine Ordner und keine Steuerzeichen enthalten und hat höchstens { $max } Zeichen. Benenne die Datei um und versuche es noch einmal.
error-not-a-file-type = Causeway weiß nicht, was für eine Datei das ist.
error-not-an-image = Das ist kein Bild, das Causeway zeigen kann. Wähle eine PNG-, JPEG-, WebP- oder GIF-Datei.
error-too-many-files = Höchstens { $max } Dateien auf einmal.
error-attachment-not-found = Diese Datei ist nicht mehr in der Gruppe.
error-file-unreadable = { $path } konnte nicht gelesen werden ({ $detail }). Prüfe die Datei und versuche es noch einmal.
error-file-not-here = { $name } ist noch nicht angekommen, und kein Mitglied, das sie hat, ist online. Versuche es später noch einmal.
error-file-not-as-referenced = { $name } war nicht das, was die Gruppe über sie sagt; sie wurde nicht behalten.

## Moderation: hiding and showing again
hide = Ausblenden
unhide = Wieder zeigen
hide-post-title = Diesen Beitrag von { $name } ausblenden?
hide-comment-title = Diesen Kommentar von { $name } ausblenden?
hide-body = Mitglieder sehen ihn nicht mehr; die Moderation schon, und sie kann ihn wieder zeigen. Sag, warum: Mitglieder können den Grund lesen.
reason-needed = Schreib zuerst einen Grund: Mitglieder lesen ihn, und auch die Person, die es geschrieben hat.
a-moderator = die Moderation
hidden-by = Ausgeblendet von { $name }
hidden-by-because = Ausgeblendet von { $name }: { $reason }
tab-moderation = Moderation
moderation-nothing-hidden = Nichts ist ausgeblendet
moderation-nothing-hidden-help = Wenn die Moderation einen Beitrag oder Kommentar ausblendet, steht er hier mit dem Grund, und jede Person der Moderation kann ihn wieder zeigen.
moderation-hidden-posts = { $count ->
    [one] Ein ausgeblendeter Beitrag
   *[other] { $count } ausgeblendete Beiträge
}
moderation-hidden-comments = { $count ->
    [one] Ein ausgeblendeter Kommentar
   *[other] { $count } ausgeblendete Kommentare
}
moderation-on-post = Zum Beitrag von { $name }

unhide-title = Wieder zeigen?
unhide-body = Mitglieder sehen es wieder im Feed. Sag, warum: das Protokoll der Gruppe behält den Grund.
## The moderation log
tab-log = Protokoll
log-filter = Welche Entscheidungen
log-filter-all = Alle Entscheidungen
log-filter-hide = Ausgeblendet
log-filter-unhide = Wieder gezeigt
log-filter-remove = Entfernungen
log-filter-role = Rollenwechsel
log-filter-withdraw = Zurückgezogene Einladungen
log-export = Protokoll exportieren
log-export-help = Schreibt das Protokoll mit der signierten Geschichte der Gruppe in den Export-Ordner, damit jede Person es mit `causeway log verify` prüfen kann. Es enthält auch die Beiträge der Gruppe: teile es nur mit Menschen, denen die Gruppe sie zeigen würde.
log-help = Jede Entscheidung der Moderation und der Admins der Gruppe, mit wer sie traf, in welcher Rolle und warum. Das Gerät jedes Mitglieds liest es aus seiner eigenen Kopie der Gruppe.
log-empty = Noch keine Entscheidungen
log-empty-help = Wenn die Moderation etwas ausblendet oder ein Admin jemanden entfernt oder eine Rolle ändert, steht es hier für alle Mitglieder.
log-hid = { $name } hat { $kind ->
    [post] den Beitrag
    [comment] den Kommentar
    [attachment] die Datei
    [document] das Dokument
   *[other] den Eintrag
} von { $other } „{ $title }“ ausgeblendet
log-unhid = { $name } hat { $kind ->
    [post] den Beitrag
    [comment] den Kommentar
    [attachment] die Datei
    [document] das Dokument
   *[other] den Eintrag
} von { $other } „{ $title }“ wieder gezeigt
log-removed = { $name } hat { $other } aus der Gruppe entfernt
log-role = { $name } hat { $other } die Rolle { $role } gegeben
log-withdrew = { $name } hat die Einladung „{ $title }“ zurückgezogen
log-other = { $name } hat eine Entscheidung getroffen, die diese Version von Causeway nicht zeigen kann
log-exported = Das Protokoll ({ $count } Einträge) liegt in { $path }.
error-not-a-log-file = Diese Datei ist kein Moderationsprotokoll. Ein Protokoll entsteht mit „Protokoll exportieren“ oder `causeway log export`.
error-log-file-too-new = Das Protokoll wurde von einem neueren Causeway geschrieben. Aktualisiere dieses, um es zu prüfen.
error-log-history-broken = Die Geschichte der Gruppe im Protokoll hält nicht zusammen ({ $refused } Änderungen abgelehnt, { $waiting } fehlt, worauf sie aufbauen): die Datei wurde beschädigt oder verändert.
error-log-entry-altered = Eintrag { $number } des Protokolls ist nicht, was die signierte Geschichte der Gruppe sagt: die Datei wurde verändert.
error-log-entries-missing = Das Protokoll listet { $listed } Einträge, die signierte Geschichte der Gruppe enthält aber { $held }: die Datei wurde verändert.

## Reports
error-report-not-found = Diese Meldung gibt es in dieser Gruppe nicht.
error-report-unreadable = Diese Meldung lässt sich auf diesem Gerät nicht öffnen: sie wurde für die Moderation ihres Tages versiegelt. Eine andere Person der Moderation öffnet sie und gibt dir ihren Schlüssel.
error-report-too-long = Eine Meldung hat höchstens { $max } Zeichen.
error-unknown-category = „{ $given }“ ist kein Meldegrund. Wähle hate, sexual, violence, doxing, harassment, spam, illegal oder other.
error-unknown-verdict = „{ $given }“ ist keine Entscheidung über eine Meldung. Wähle hide, dismiss, warn oder remove.
error-unknown-report-target = „{ $given }“ nennt nichts, was man melden kann. Melde einen Beitrag, einen Kommentar oder ein Mitglied.
report = Melden
report-post-of = den Beitrag von { $name }
report-comment-of = den Kommentar von { $name }
report-title = { $name } melden
report-help = Nur die Moderation, die Admins und die Eigentümerin der Gruppe lesen deine Meldung; sonst erfährt niemand, dass sie von dir ist. Du siehst, was entschieden wird.
report-pick = Wähle, warum.
report-words = In deinen Worten (freiwillig)
report-send = Meldung senden
report-sealed = Deine Meldung ist für die Moderation versiegelt; sie geht an das erste ihrer Geräte, das dieses erreicht.
report-filed = Deine Meldung liegt bei der Moderation.
category-hate = Diskriminierung oder Hass
category-sexual = Sexuelle Inhalte
category-violence = Verherrlichung von Gewalt
category-doxing = Private Daten veröffentlicht
category-harassment = Belästigung oder Stalking
category-spam = Spam oder Werbung
category-illegal = Illegale Inhalte
category-other = Etwas anderes
queue-title = { $count ->
    [0] Keine Meldungen zu entscheiden
    [one] Eine Meldung zu entscheiden
   *[other] { $count } Meldungen zu entscheiden
}
queue-empty = Wenn ein Mitglied etwas meldet, steht es hier, die älteste zuerst.
report-about = { $kind ->
    [post] Der Beitrag von { $name } „{ $title }“
    [comment] Der Kommentar von { $name } „{ $title }“
    [member] { $name }
   *[other] Etwas von { $name }
}
report-by = { $name } hat es gemeldet: { $kind }
warn-words = Private Notiz an die Person, die es schrieb (für eine Verwarnung; nur sie und die Moderation lesen sie)
report-dismiss = Abweisen
report-warn = Verwarnen
my-reports = Deine Meldungen
my-report-open = { $kind } · wartet auf die Moderation
my-report-decided = { $kind } · { $action ->
    [hide] von der Moderation ausgeblendet
    [dismiss] von der Moderation abgewiesen
    [warn] die Person wurde verwarnt
    [remove] die Person wurde entfernt
   *[other] entschieden
}: { $reason }
tab-moderation-count = Moderation ({ $count })
group-reports-waiting = { $name }, { $count ->
    [one] eine Meldung zu entscheiden
   *[other] { $count } Meldungen zu entscheiden
}
reports-waiting = { $count ->
    [one] Eine Meldung wartet auf die Moderation
   *[other] { $count } Meldungen warten auf die Moderation
}
log-dismissed = { $name } hat eine Meldung abgewiesen
log-warned = { $name } hat { $other } verwarnt
log-filter-dismiss = Abgewiesene Meldungen
log-filter-warn = Verwarnungen
removed-by = { $name } hat dich aus { $group } entfernt. Was du hattest, bleibt hier lesbar; was du schreibst, erreicht die Gruppe nicht mehr.
removed-by-because = { $name } hat dich aus { $group } entfernt: { $reason }. Was du hattest, bleibt hier lesbar; was du schreibst, erreicht die Gruppe nicht mehr.
warned-you = { $name } hat dich verwarnt, mit Worten, die nur du und die Moderation lest:

## Blocking and muting
block = Blockieren
unblock = Nicht mehr blockieren
block-help = Ihre Beiträge, Kommentare und Reaktionen verschwinden aus all deinen Gruppen, und ihr Gerät kann sich nicht mehr mit deinem abgleichen. Nur du weißt davon.
mute = Stummschalten
unmute = Nicht mehr stummschalten
mute-help = Ihre Beiträge, Kommentare und Reaktionen verschwinden aus deinem Feed. Nur du weißt davon.
blocked-mark = Von dir blockiert
muted-mark = Von dir stummgeschaltet
thread-mute = Unterhaltung stummschalten
thread-mute-help = Diesen Beitrag und seine Kommentare auf eine Zeile einklappen. Nur du weißt davon.
thread-muted = Du hast diese Unterhaltung stummgeschaltet: { $name }
thread-unmute = Wieder zeigen
group-mute = Diese Gruppe stummschalten (keine Benachrichtigungen)
group-mute-help = Neue Beiträge dieser Gruppe benachrichtigen dich nicht mehr. Nur du weißt davon.
block-title = { $name } blockieren?
block-body = Ihre Beiträge, Kommentare und Reaktionen verschwinden auf diesem Gerät aus all deinen Gruppen, und ihr Gerät kann sich nicht mehr mit deinem abgleichen. Die Gruppen behalten, was sie geschrieben haben, und niemand wird benachrichtigt. In den Einstellungen kannst du die Blockierung aufheben.
block-reason-label = Warum (freiwillig; nur du liest es)
settings-blocks = Blockiert und stummgeschaltet
settings-blocks-help = Nur auf diesem Gerät. Niemand wird benachrichtigt.
settings-blocks-none = Du hast niemanden und nichts blockiert oder stummgeschaltet.
blocked-line = Blockiert: { $name }
blocked-line-because = Blockiert: { $name } ({ $reason })
muted-person-line = Stummgeschaltet: { $name }
muted-thread-line = Stummgeschaltete Unterhaltung: { $name }
muted-group-line = Stummgeschaltete Gruppe: { $name }
error-cannot-block-self = Du kannst dich nicht selbst blockieren oder stummschalten.
error-unknown-person = Diese Person ist in keiner deiner Gruppen Mitglied. Nenne ein Mitglied.
error-unknown-post = Dieser Beitrag ist nicht in dieser Gruppe; vielleicht wurde er gelöscht.
error-block-reason-too-long = Der Grund ist zu lang: höchstens { $count } Zeichen.
error-unknown-mute-target = „{ $given }“ bezeichnet nichts zum Stummschalten. Nenne ein Mitglied, eine Gruppe oder einen Beitrag.
warning-blocks-unreadable = Deine Liste blockierter und stummgeschalteter Personen konnte nicht gelesen werden ({ $detail }). Blockiere oder stummschalte sie in den Einstellungen erneut.

## Leaving a group
leave = Diese Gruppe verlassen
leave-and-delete = Verlassen und meine Kopie löschen
leave-title = { $name } verlassen?
leave-body = Die Mitglieder erfahren, dass du gegangen bist. Du empfängst und sendest in dieser Gruppe nichts mehr; was du hast, bleibt auf diesem Gerät lesbar.
delete-copy = Meine Kopie löschen
delete-copy-title = Deine Kopie von { $name } löschen?
delete-copy-body = Alles, was dieses Gerät von der Gruppe hat, verschwindet: Beiträge, Kommentare, Dokumente, Dateien. Bist du noch Mitglied, verlässt du die Gruppe zuerst, und die Kopie verschwindet, sobald ein Mitglied davon weiß. Das lässt sich auf diesem Gerät nicht rückgängig machen.
error-leave-not-delivered = Kein Mitglied war erreichbar, um zu erfahren, dass du gegangen bist; deine Kopie bleibt, um es ihnen zu sagen. Versuche es erneut, wenn ein Mitglied online ist.
erase-mine = Alle meine Beiträge und Kommentare löschen
erase-mine-title = Alle deine Beiträge und Kommentare in { $name } löschen?
erase-mine-body = Ihr Text wird auf dem Gerät jedes Mitglieds gelöscht, wie wenn du einen löschst. Deine Reaktionen und die Dokumente, in denen du geschrieben hast, bleiben. Das lässt sich nicht rückgängig machen.

## Handing a group over
error-hand-over-to-yourself = Die Gruppe gehört dir schon. Übergib sie einem Admin.
error-hand-over-to-admin = Die Gruppe kann nur einem Admin übergeben werden. Mach die Person zuerst zum Admin.
error-only-owner-hands-over = Nur die Eigentümerin oder der Eigentümer kann die Gruppe übergeben.
hand-over = Gruppe übergeben
hand-over-title = { $name } an { $other } übergeben?
hand-over-body = Die Person wird Eigentümer:in, du wirst Admin. Nur sie kann die Gruppe zurückgeben. Jedes Mitglied sieht es im Protokoll der Gruppe.
error-too-many-open-reports = Du hast { $max } Meldungen, über die die Moderation noch nicht entschieden hat. Warte ihre Entscheidungen ab, bevor du weitere meldest.
hidden-yours = { $name } hat deinen Beitrag verborgen: Die anderen Mitglieder sehen ihn nicht mehr; du und die Moderation schon.
hidden-yours-because = { $name } hat deinen Beitrag verborgen: { $reason }. Die anderen Mitglieder sehen ihn nicht mehr; du und die Moderation schon.
request-via = über die Einladung von { $name }
