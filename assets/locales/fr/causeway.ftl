# Causeway — français. Chaque fichier de langue a exactement ces clés (un test le vérifie).

## Général
opening = Ouverture de vos groupes…
dismiss = Fermer
continue = Continuer
save = Enregistrer
create = Créer
cancel = Annuler
edit = Modifier
delete = Supprimer
remove = Retirer
add = Ajouter
copy = Copier
close = Fermer
copied = Copié. Collez-le dans un message à la personne que vous invitez.

## Premier démarrage
welcome-title = Bienvenue dans Causeway
welcome-name-help = Choisissez le nom que verront les autres membres de vos groupes. Vous pourrez le changer plus tard dans les Réglages.
your-name = Votre nom
your-bio = Quelques mots sur vous
your-bio-optional = Quelques mots sur vous (facultatif)
your-bio-hint = Les membres de vos groupes voient ces mots dans la liste des membres et en pointant votre nom.
your-languages = Langues que vous lisez
name-needed = Écrivez d’abord un nom : c’est ainsi que les autres vous reconnaîtront.

## Barre latérale
my-groups = Mes groupes
all-groups = Tous les groupes
create-group = Créer un groupe
join-group = Rejoindre un groupe
settings = Réglages
help = Aide
help-shortcuts = Raccourcis clavier
keys-ctrl-enter = Ctrl+Entrée
shortcut-post = Publie ce que vous écrivez
keys-enter = Entrée
shortcut-comment = Envoie un commentaire ou une réponse
keys-escape = Échap
shortcut-close = Ferme une fenêtre, une question ou un menu sans rien changer
keys-tab = Tab, Maj+Tab
shortcut-tab = Passe au champ ou au bouton suivant ou précédent
keys-zoom = Ctrl+Plus, Ctrl+Moins
shortcut-zoom = Agrandit ou réduit tout (la taille du texte se règle aussi dans les Réglages)
keys-select-all = Ctrl+A
shortcut-select-all = Sélectionne tout le texte d’un champ
help-formatting = Mettre en forme publications et commentaires
help-formatting-body = Les publications et commentaires comprennent le Markdown. Un lien ne s’ouvre dans votre navigateur que si vous cliquez dessus ; son adresse s’affiche quand vous le survolez.
help-formatting-example = **gras**, *italique*, [un lien](https://example.org)
    - une liste
    - de choses
help-formatting-shows = S’affiche ainsi :
seen-as = Les autres vous voient comme { $name }
members-connected-short = { $count ->
    [0] Personne d’autre n’est connecté pour l’instant
    [one] Un autre membre est connecté
   *[other] { $count } autres membres sont connectés
}
group-unread = { $count ->
    [one] { $name }, 1 publication non lue
   *[other] { $name }, { $count } publications non lues
}

## Un groupe
group-arriving = En attente du groupe
group-arriving-help = L’historique de ce groupe n’est pas encore arrivé. Il apparaîtra dès que l’appareil d’un autre membre sera joignable.
no-longer-member = Vous n’êtes plus membre de ce groupe. Vous pouvez toujours lire ce qui a été partagé avant.
invite-people = Inviter des personnes
bundle-title = Emporter ce groupe sans réseau
bundle-help = Là où il n’y a ni internet ni réseau commun, le groupe voyage sur une clé USB : écrivez un paquet ici, lisez-le sur l’appareil d’un autre membre. Chaque changement qu’il contient y est vérifié comme s’il était venu par le réseau.
bundle-write = Écrire un paquet
bundle-read = Lire un paquet…
bundle-drop = Ou déposez un fichier de paquet sur cette fenêtre. Les paquets sont écrits dans le dossier d’export choisi dans les Réglages.
bundle-files = Paquets Causeway
bundle-no-picker = Aucun sélecteur de fichiers n’a pu s’ouvrir sur cet ordinateur. Déposez plutôt le fichier du paquet sur cette fenêtre.
bundle-written = Le paquet a été écrit dans { $path } ({ $count } changements).
bundle-taken = Le paquet a apporté { $count ->
    [0] rien de nouveau à { $group }
    [one] 1 nouveau changement à { $group }
   *[other] { $count } nouveaux changements à { $group }
}{ $refused ->
    [0] .
   *[other] ; { $refused } ont été refusés (pas signés par un membre, ou pas permis).
}
tab-feed = Fil
tab-documents = Documents
docs-new-title = Titre d’un nouveau document
docs-new = Nouveau document
docs-new-from-file = Depuis un fichier Markdown…
docs-new-from-file-help = Ou déposez un fichier Markdown sur cette fenêtre.
docs-no-picker = Aucun sélecteur de fichiers n’a pu s’ouvrir sur cet ordinateur. Déposez plutôt le fichier Markdown sur cette fenêtre.
docs-markdown-files = Fichiers Markdown et texte
docs-file-unreadable = Le fichier { $path } n’a pas pu être lu ({ $detail }). Vérifiez qu’il est toujours là et que vous pouvez l’ouvrir, ou choisissez-en un autre.
docs-none = Pas encore de documents
docs-none-help = Un document est un texte que tout le groupe écrit ensemble : le plan de campagne, le compte rendu, un tract. Donnez un titre ci-dessus pour en commencer un.
docs-by = par { $name }, { $when }
docs-last = modifié en dernier par { $name }, { $when } · { $count ->
    [one] 1 caractère
   *[other] { $count } caractères
}
docs-archived = archivé
docs-hidden = masqué par la modération : { $detail }
doc-back = ← Tous les documents
doc-export = Exporter…
doc-export-help = Écrit le document en Markdown et en fichier Automerge dans le dossier d’export choisi dans les Réglages.
doc-exported = « { $title } » a été écrit dans { $markdown } (Markdown) et { $automerge } (Automerge).
doc-settings = Réglages du document
doc-title = Titre
doc-rename = Renommer
doc-archive = Archiver
doc-unarchive = Sortir de l’archive
doc-hide = Masquer
doc-unhide = Afficher de nouveau
doc-hide-title = Masquer « { $name } » ?
doc-hide-body = Les membres ne verront plus ce document dans la liste ; la modération si. Dites pourquoi : les membres peuvent le lire.
doc-editors = Qui peut modifier
doc-editors-all = Tous les membres
doc-editors-admins = Les admins seulement
doc-editors-listed = Les membres listés
doc-text = Texte du document
doc-bold = Gras
doc-italic = Italique
doc-link = Lien…
doc-link-address = Adresse du lien
doc-link-apply = Mettre le lien
doc-link-remove = Retirer le lien
doc-kind = Type de paragraphe
doc-kind-paragraph = Paragraphe
doc-kind-heading = Titre { $count }
doc-kind-bullet = Liste à puces
doc-kind-numbered = Liste numérotée
doc-kind-quote = Citation
doc-history = Historique
doc-history-close = Fermer l’historique
doc-who-wrote = Qui a écrit quoi
doc-version = Version { $count } par { $name }, { $when }
doc-show-version = Afficher
doc-restore = Restaurer
doc-compare = Comparer avec maintenant
doc-comparing = Ce qui a changé depuis la version { $count } (barré : retiré ; souligné : ajouté)
doc-back-to-now = Revenir au texte actuel
doc-read-only = Vous pouvez lire ce document. La personne qui l’a créé ou un admin peut vous permettre de le modifier.
doc-masked = Les modifications d’une personne qui ne peut plus modifier ce document sont masquées ; il est donc affiché ici sans édition. La ligne de commande peut encore le changer.
doc-also-here = Aussi ici : { $names }
tab-members = Membres
tab-about = À propos
members-count = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
members-connected = { $total ->
    [0] Vous êtes pour l’instant le seul membre
    [one] { $count ->
        [0] L’autre membre n’est pas connecté
       *[other] L’autre membre est connecté
    }
   *[other] { $count } sur { $total } autres membres connectés
}
syncing = Synchronisation…
last-sync = Dernière synchronisation { $when }
never-synced = Pas encore synchronisé avec qui que ce soit
connection-details = Détails des connexions
reach-you = Cet appareil
reach-direct = Connecté directement
reach-relay = Connecté via un relais
reach-seen = Vu pour la dernière fois { $when }
reach-unreachable = Injoignable depuis { $when }
reach-unknown = Pas encore joint

## Fil
write-post = Écrire une publication
post-title = Titre (facultatif)
post-body = Votre publication
post-language = Langue
post-send = Publier
post-shortcut = Ctrl+Entrée pour publier
post-later = Plus tard
write-post-draft = Reprendre votre brouillon
post-empty = Écrivez quelque chose avant de publier.
post-edit-title = Modifier le titre
post-edit-body = Modifier le texte
post-edited = modifié
post-pinned = Épinglé
post-pin = Épingler
post-unpin = Désépingler
group-held = { $count ->
    [one] Une modification de ce groupe demande une version plus récente de Causeway : elle est gardée et transmise, et s’affichera après la mise à jour.
   *[other] { $count } modifications de ce groupe demandent une version plus récente de Causeway : elles sont gardées et transmises, et s’afficheront après la mise à jour.
}
no-posts = Pas encore de publication
no-posts-help = Écrivez la première ci-dessus. Elle arrive sur l’appareil de chaque membre dès qu’il est connecté.
show-more = Afficher plus
show-less = Afficher moins
react-add = Ajouter une réaction
reacted-with = { $others ->
    [0] { $names } a réagi avec { $emoji }
    [one] { $names } et une autre personne ont réagi avec { $emoji }
   *[other] { $names } et { $others } autres personnes ont réagi avec { $emoji }
}
emoji-search = Chercher par nom anglais (heart…)
emoji-none = Aucun emoji ne correspond à cette recherche.
comments = { $count ->
    [0] Commenter
    [one] 1 commentaire
   *[other] { $count } commentaires
}
comment-write = Écrire un commentaire
reply = Répondre
reply-write = Écrire une réponse
comment-send = Envoyer

## Membres
requests = Demandent à rejoindre
approve = Accepter
decline = Refuser
decline-title = Refuser la demande de { $name } ?
decline-body = Sa demande est oubliée. Cette personne pourra redemander avec une invitation.
remove-title = Retirer { $name } du groupe ?
remove-body = Cette personne ne reçoit plus les publications du groupe, et ce qu’elle écrit désormais est refusé par chaque membre. Les membres peuvent lire la raison que vous donnez.
reason-label = Raison (les membres peuvent la lire)
chars-left = { $count ->
    [one] 1 caractère restant
   *[other] { $count } caractères restants
}
delete-post-title = Supprimer cette publication ?
delete-comment-title = Supprimer ce commentaire ?
delete-body = Son texte est effacé sur l’appareil de chaque membre. Vous pourrez annuler pendant quelques secondes.
undo = Annuler
post-deleted = Publication supprimée.
comment-deleted = Commentaire supprimé.
withdraw-title = Retirer cette invitation ?
withdraw-body = Qui l’a reçue ne pourra plus rejoindre le groupe avec. Les personnes déjà entrées restent membres.
role-owner = Propriétaire
role-admin = Admin
role-moderator = Modérateur
role-member = Membre
role-removed = N’est plus membre
roles-explained = Ce que chaque rôle peut faire
role-owner-help = A créé le groupe. Fait tout ce que fait un admin, et personne ne peut l’en retirer.
role-admin-help = Invite des personnes, accepte les demandes, change les rôles, retire des membres, modifie la description du groupe et épingle des publications.
role-moderator-help = Masque les publications et commentaires qui enfreignent les règles du groupe, avec une raison que les membres peuvent lire.
role-member-help = Lit, publie, commente et réagit.
role-removed-help = Peut lire ce qui a été partagé avant, mais ne reçoit et n’envoie plus rien.

## À propos et formulaire du groupe
group-name = Nom du groupe
group-name-needed = Donnez d’abord un nom au groupe.
group-mission = Mission
group-causes = Causes
group-tag = Autre cause
group-region = Région
group-languages = Langues
group-visibility = Qui peut rejoindre
group-created = Créé le
visibility-invite = Seulement les personnes que nous invitons
visibility-request = Tout le monde peut demander ; un admin accepte
visibility-open = Toute personne avec une invitation rejoint tout de suite
cause-environment = Environnement
cause-housing = Logement
cause-education = Éducation
cause-health = Santé
cause-food = Alimentation
cause-migration = Migration
cause-animals = Animaux
cause-culture = Culture
cause-human-rights = Droits humains
cause-neighbourhood = Quartier

## Tous les groupes
no-groups = Vous n’êtes encore dans aucun groupe. Créez un groupe pour votre cause, ou rejoignez-en un avec une invitation reçue.
no-groups-title = Pas encore de groupe
filter-group = Groupe
filter-cause = Cause
filter-language = Langue
filter-any = Tous
no-posts-filtered = Aucune publication ne correspond à ces filtres.
no-posts-filtered-title = Rien ici

## Invitation
invite-title = Inviter des personnes dans { $group }
invite-uses = Utilisable
invite-uses-n = { $count ->
    [one] une fois
   *[other] { $count } fois
}
invite-uses-any = sans limite
invite-expires = Expire
invite-days = { $count ->
    [one] après 1 jour
   *[other] après { $count } jours
}
invite-never = jamais
invite-create = Créer une invitation
invite-share = Envoyez cette invitation à la personne que vous voulez dans le groupe, ou faites-lui scanner le code. Toute personne qui l’a peut rejoindre : partagez-la en privé.
invite-ticket = Invitation
invite-qr = Invitation en code QR
invite-open = Invitations ouvertes
invite-used = { $count ->
    [0] pas encore utilisée
    [one] utilisée une fois
   *[other] utilisée { $count } fois
}
invite-used-of = utilisée { $done } fois sur { $total }
invite-until = jusqu’au { $when }
invite-withdraw = Retirer
invite-show = Afficher à nouveau

## Rejoindre
join-title = Rejoindre un groupe
join-help = Collez l’invitation que l’on vous a envoyée. La personne qui vous a invité doit avoir Causeway ouvert, sur le même réseau ou en ligne.
join-paste = Invitation
join-button = Rejoindre
join-reaching = Connexion à l’appareil qui vous invite et réception du groupe…
join-invited-by = { $name } vous invite dans { $group }
join-reaching-name = Connexion à l’appareil de { $name }…
join-receiving = Réception du groupe : { $done } modifications sur { $total }
join-waiting-approval = Vous avez demandé à rejoindre. Un admin du groupe va vous accepter ; le groupe apparaîtra alors ici.

## Réglages
settings-language = Langue
settings-profile = Votre profil
settings-look = Apparence
settings-theme = Thème
theme-system = Comme le système
theme-light = Clair
theme-dark = Sombre
settings-text-size = Taille du texte
text-small = Petite
text-normal = Normale
text-large = Grande
text-larger = Très grande
settings-notifications = Notifications
choose-folder = Choisir…
export-folder-needed = Choisissez d’abord un dossier où exporter.
save-profile = Enregistrer
settings-network = Connexions
running-title = Utilisé en ce moment
running-loopback = Cet ordinateur seulement (un test ou une démonstration) : rien n’en sort.
running-relay-default = Les relais publics de Causeway quand une connexion directe n’est pas possible
running-relay-custom = Votre propre relais, { $url }, quand une connexion directe n’est pas possible
running-relay-none = Connexions directes seulement, sans relais
running-lan-on = Recherche des membres sur le réseau local
running-lan-off = Pas de recherche des membres sur le réseau local
running-relay-connected = Connecté au relais { $url }
running-relay-waiting = Pas connecté à un relais en ce moment : les membres ne joignent cet appareil qu’en direct
saved-title = Au prochain démarrage
relay-default = Utiliser les relais publics de Causeway quand une connexion directe est impossible
relay-custom = Utiliser notre propre relais
relay-url = Adresse du relais
relay-none = Connexions directes seulement (pas de relais)
lan-discovery = Trouver les membres sur le réseau local
settings-network-save = Enregistrer les réglages de connexion
settings-network-restart = Enregistré. Les nouveaux réglages de connexion s’appliqueront au prochain démarrage de Causeway.
notify-title = { $name } dans { $group }
notify-more = { $count ->
    [one] et 1 autre nouvelle publication
   *[other] et { $count } autres nouvelles publications
}
settings-notify = Afficher une notification pour les nouvelles publications de mes groupes
settings-reminders = Me rappeler les événements où je vais :
settings-remind-day = la veille
settings-remind-hour = une heure avant
settings-remind-quarter = 15 minutes avant
settings-data-folder = Où vos données sont conservées
settings-export = Exporter un groupe
settings-export-help = Enregistre le groupe dans ce dossier, en fichier JSON lisible et en fichier Automerge.
settings-export-folder = Dossier
settings-export-group = Exporter { $group }
settings-exported = { $group } a été exporté dans { $path }.

## Erreurs : ce qui s’est passé et que faire
error-unreachable = L’autre appareil est injoignable. Vérifiez qu’il est allumé avec Causeway ouvert, et que vous êtes en ligne ou sur le même réseau, puis réessayez.
error-not-member = Cet appareil ne vous compte plus comme membre de ce groupe.
error-refused = L’autre appareil est occupé. Causeway réessaiera de lui-même.
error-invite-expired = Cette invitation a expiré. Demandez-en une nouvelle.
error-invite-used-up = Cette invitation a été utilisée autant de fois que permis. Demandez-en une nouvelle.
error-invite-revoked = Cette invitation a été retirée. Demandez-en une nouvelle.
error-invite-unknown = Cette invitation n’est pas valable. Vérifiez que vous l’avez copiée en entier, ou demandez-en une nouvelle.
error-too-many-requests = Ce groupe a trop de demandes qui attendent la réponse d’un admin. Réessayez dans quelques jours.
error-inviter-not-admin = La personne qui vous a invité ne peut plus ajouter de membres. Demandez une nouvelle invitation à un admin du groupe.
error-bad-ticket = Ce n’est pas une invitation Causeway complète. Copiez de nouveau toute l’invitation et collez-la.
error-disk = Causeway n’a pas pu enregistrer sur le disque : il est sans doute plein. Ce que vous venez de faire est gardé, et enregistré dès qu’il y aura de la place : libérez de l’espace, et laissez Causeway ouvert d’ici là.
error-disk-read-only = Causeway ne peut pas écrire dans son dossier de données : il est en lecture seule ou appartient à un autre utilisateur. Rien de ce qui était enregistré n’a été perdu. Rendez le dossier accessible en écriture, ou lancez Causeway avec un autre dossier (--data-dir).
error-name-required = Un nom d’affichage est nécessaire. Saisissez le nom que les autres membres verront.
error-name-before-creating = Choisissez un nom d’affichage avant de créer un groupe : saisissez dans les Réglages le nom que les autres membres verront.
error-name-before-joining = Choisissez un nom d’affichage avant de rejoindre un groupe : saisissez dans les Réglages le nom que les autres membres verront.
error-group-name-required = Le groupe n’a pas encore de nom. Donnez-lui un nom.
error-too-long-display-name = Le nom d’affichage dépasse { $max ->
    [one] { $max } caractère
   *[other] { $max } caractères
}. Raccourcissez-le et réessayez.
error-too-long-bio = Le texte à votre sujet dépasse { $max ->
    [one] { $max } caractère
   *[other] { $max } caractères
}. Raccourcissez-le et réessayez.
error-too-long-group-name = Le nom du groupe dépasse { $max ->
    [one] { $max } caractère
   *[other] { $max } caractères
}. Raccourcissez-le et réessayez.
error-too-long-mission = La mission dépasse { $max ->
    [one] { $max } caractère
   *[other] { $max } caractères
}. Raccourcissez-la et réessayez.
error-too-long-region = La région dépasse { $max ->
    [one] { $max } caractère
   *[other] { $max } caractères
}. Raccourcissez-la et réessayez.
error-too-long-title = Le titre dépasse { $max ->
    [one] { $max } caractère
   *[other] { $max } caractères
}. Raccourcissez-le et réessayez.
error-too-long-post-text = Le texte de la publication dépasse { $max ->
    [one] { $max } caractère
   *[other] { $max } caractères
}. Raccourcissez-le, ou répartissez-le sur plusieurs publications.
error-too-long-comment = Le commentaire dépasse { $max ->
    [one] { $max } caractère
   *[other] { $max } caractères
}. Raccourcissez-le, ou répartissez-le sur plusieurs commentaires.
error-too-long-reason = La raison dépasse { $max ->
    [one] { $max } caractère
   *[other] { $max } caractères
}. Raccourcissez-la et réessayez.
error-bad-tag = Chaque cause et chaque langue doit compter de 1 à { $max ->
    [one] { $max } caractère
   *[other] { $max } caractères
}. Retirez celles qui sont vides ou trop longues.
error-post-empty = La publication est vide. Écrivez d’abord un titre ou un texte.
error-comment-empty = Le commentaire est vide. Écrivez d’abord quelque chose.
error-bad-reaction = Une réaction est un seul emoji ou un mot court. Choisissez-en une autre.
error-remove-yourself = Vous ne pouvez pas vous retirer vous-même du groupe. Pour partir, quittez plutôt le groupe.
error-nothing-to-change = Rien n’a été modifié. Changez d’abord quelque chose, puis enregistrez.
error-not-a-member = Vous n’êtes pas (ou plus) membre de ce groupe : vous ne pouvez donc pas faire cela. Demandez à un admin de vous inviter de nouveau.
error-not-yours = Vous ne pouvez modifier que vos propres publications et commentaires. Adressez-vous à la personne qui l’a écrit.
error-only-admins-upgrade = Seuls les admins et le propriétaire peuvent mettre un groupe à niveau. Demandez-le à l’un d’eux.
error-only-admins-pin = Seuls les admins et le propriétaire peuvent épingler ou désépingler des publications. Demandez-le à l’un d’eux.
error-only-admins-invite = Seuls les admins du groupe peuvent inviter des personnes. Demandez une invitation à un admin.
error-role-does-not-allow = Votre rôle dans ce groupe ne permet pas cela. Adressez-vous à un admin si vous en avez besoin.
error-change-refused = Causeway a refusé cette modification, car elle enfreint les règles du groupe ({ $detail }). Rien n’a été modifié ; merci de signaler ce problème.
error-not-arrived = Ce groupe n’est pas encore arrivé sur cet appareil. Si vous avez demandé à le rejoindre, un admin doit d’abord vous accepter. Réessayez quand il affichera ses publications.
error-needs-upgrade = Ce groupe n’a pas encore de publications épinglées : il doit d’abord être mis à niveau. Demandez à un admin de le faire.
error-already-newest = Ce groupe est déjà à jour. Il n’y a rien à mettre à niveau.
error-pin-hidden-post = Cette publication est supprimée ou masquée. Seule une publication que tout le monde voit peut être épinglée.
error-already-pinned = Cette publication est déjà épinglée. Il n’y a rien à faire.
error-not-pinned = Cette publication n’est pas épinglée. Il n’y a rien à désépingler.
error-post-not-found = Cette publication est introuvable dans ce groupe. Attendez que le groupe soit synchronisé, puis réessayez.
error-member-not-found = Cette personne n’est pas membre de ce groupe. Vérifiez la liste des membres et réessayez.
error-item-not-found = Cette publication ou ce commentaire est introuvable dans ce groupe. Attendez que le groupe soit synchronisé, puis réessayez.
error-document-not-empty = Causeway n’a pas pu reprendre tout l’historique du groupe, car il en détient déjà une partie. Synchronisez de nouveau ; si cela se reproduit, merci de le signaler.
error-not-an-editor = Vous ne pouvez pas modifier ce document. Demandez à la personne qui l’a créé ou à un admin de vous ajouter comme rédacteur.
error-doc-not-arrived = Ce document n’est pas encore arrivé sur cet appareil. Réessayez quand son texte s’affiche.
error-doc-too-long = Un document peut contenir au plus { $max } caractères. Divisez-le en deux documents.
error-position-past-end = Cet endroit n’existe plus dans le document (quelqu’un d’autre l’a modifié). Réessayez.
error-bad-link = Un lien doit être une adresse web (https://…) ou une adresse e-mail (mailto:…).
error-doc-not-found = Ce document est introuvable dans ce groupe.
error-doc-title-required = Donnez un titre au document.
error-only-stewards = Seuls la personne qui a créé le document et les admins peuvent le renommer, l’archiver ou choisir qui le modifie.
error-markdown-too-large = Le fichier dépasse { $max } octets, plus que ce qu’un document peut contenir. Divisez-le ou importez-en une partie.
error-markdown-not-text = Ce fichier n’est pas un fichier texte. Choisissez un fichier Markdown (.md) ou texte brut.
error-no-such-version = Le document n’a pas de version « { $version } ». Son historique liste les versions qu’il a.
error-not-a-bundle = Ce fichier n’est pas un paquet Causeway. Un paquet s’écrit avec « Écrire un paquet » ou `causeway bundle write`.
error-bundle-too-new = Le paquet a été écrit par un Causeway plus récent. Mettez à jour Causeway sur cet appareil pour le lire.
error-bundle-damaged = Le paquet est endommagé ou incomplet (la clé a peut-être été retirée pendant l’écriture). Rien n’en a été pris ; écrivez-le à nouveau sur l’appareil d’où il vient.
error-bundle-too-large = Le paquet dépasse { $max } octets. N’écrivez que ce qui manque au membre (--for), ou un groupe à la fois.
error-bundle-other-group = Le paquet est celui d’un groupe dont cet appareil ne fait pas partie ({ $group }). Rejoignez d’abord le groupe, puis lisez le paquet à nouveau.
error-bundle-unreadable = Le fichier { $path } n’a pas pu être lu ({ $detail }). Vérifiez que la clé est toujours branchée et que le fichier s’y trouve.
error-bad-relay-address = « { $url } » n’est pas une adresse de relais. Une adresse de relais ressemble à https://relay.example.org.
error-other-process-silent = Un autre Causeway utilise ce dossier de données mais ne répond pas ({ $detail }). Fermez-le et réessayez.
error-export-folder = Le dossier { $path } n’a pas pu être créé ({ $detail }). Choisissez un autre dossier.
error-export-write = Le fichier { $path } n’a pas pu être écrit ({ $detail }). Vérifiez qu’il reste de la place et que le dossier est accessible en écriture, ou choisissez un autre dossier.
error-unknown-invite = Cet appareil ne connaît pas cette invitation. Vérifiez que vous l’avez bien envoyée depuis cet appareil.
error-invite-for-other-group = Cette invitation est pour un autre groupe. Retirez-la depuis la liste des invitations de ce groupe-là.
error-owner-role-not-given = Le rôle de propriétaire ne peut être donné à personne. Choisissez membre, modérateur ou admin.
error-no-such-request = Cette demande d’adhésion n’est plus en attente. Quelqu’un y a peut-être déjà répondu.
error-peer-lacks-group = L’autre appareil n’a pas ce groupe. Essayez avec l’appareil d’un autre membre.
error-disk-failed = Causeway n’a pas pu utiliser le fichier { $path } ({ $detail }). Rien de ce qui était enregistré n’a été perdu. Vérifiez le disque, puis réessayez.
error-data-folder-in-use = Le dossier de données { $path } est déjà utilisé par un autre Causeway. Fermez-le d’abord, ou lancez Causeway avec un autre dossier (--data-dir).
error-key-damaged = Le fichier de clé de l’appareil { $path } contient { $count ->
    [one] { $count } octet
   *[other] { $count } octets
} au lieu de 32 ; il a été laissé tel quel. Restaurez-le depuis une sauvegarde, ou déplacez-le pour démarrer cet appareil avec une nouvelle identité.
error-file-damaged = Le fichier { $path } est endommagé ; il a été laissé tel quel. Restaurez-le depuis une sauvegarde, ou déplacez le dossier du groupe pour récupérer le groupe auprès des autres membres.
error-newer-format = Le fichier { $path } a été écrit par une version plus récente de Causeway. Mettez Causeway à jour.
error-restart-needed = Une écriture précédente dans { $path } a échoué et n’a pas pu être annulée. Redémarrez Causeway pour recharger le groupe.
error-invalid-id = « { $input } » n’est pas un identifiant valable. Copiez-le de nouveau en entier.
error-bad-signature = Une signature ne correspond pas à son auteur : la modification n’a pas été acceptée. Si cela se reproduit, merci de le signaler.
error-group-damaged = Le groupe { $group } n’a pas pu être ouvert ({ $detail }). Il a été laissé tel quel sur le disque ; merci de signaler ce problème.
error-unknown-group = Il n’y a pas de groupe { $group } sur cet appareil. Vérifiez de quel groupe il s’agit, ou rejoignez-le d’abord.
error-bad-profile = Votre fichier de profil est endommagé ({ $detail }). Indiquez de nouveau votre nom dans les Réglages.
error-protocol = L’autre appareil a envoyé quelque chose que Causeway ne comprend pas ({ $detail }). Vérifiez que les deux appareils utilisent la même version de Causeway.
error-randomness = Le système n’a pas pu fournir de nombres aléatoires ({ $detail }). Redémarrez l’ordinateur, puis réessayez.
error-internal = Quelque chose s’est mal passé dans Causeway ({ $detail }). Merci de signaler ce problème, puis réessayez.
warning-invites-unreadable = Votre liste d’invitations n’a pas pu être lue ({ $detail }). Il faudra peut-être renvoyer les invitations envoyées auparavant.
warning-group-not-opened = Le groupe { $group } n’a pas pu être ouvert et a été laissé tel quel sur le disque ({ $detail }). Restaurez-le depuis une sauvegarde, ou déplacez son dossier pour le récupérer auprès des autres membres.
warning-log-tail-set-aside = La fin de { $path } était endommagée, sans doute par une écriture interrompue. { $count ->
    [one] { $count } octet à partir de la position { $offset } a été déplacé
   *[other] { $count } octets à partir de la position { $offset } ont été déplacés
} vers { $copy }, et le journal a été ramené à son dernier enregistrement valable. Vous n’avez rien d’autre à faire.
warning-log-records-skipped = Dans { $path }, { $count ->
    [one] { $count } octet endommagé à la position { $offset } a été ignoré et copié
   *[other] { $count } octets endommagés à la position { $offset } ont été ignorés et copiés
} dans { $copy }. Les enregistrements valables qui suivaient ont été gardés ; vous n’avez rien d’autre à faire.

## Temps
time-just-now = à l’instant
time-minutes-ago = { $count ->
    [one] il y a 1 minute
   *[other] il y a { $count } minutes
}
time-hours-ago = { $count ->
    [one] il y a 1 heure
   *[other] il y a { $count } heures
}
month-1 = janv.
month-2 = févr.
month-3 = mars
month-4 = avr.
month-5 = mai
month-6 = juin
month-7 = juil.
month-8 = août
month-9 = sept.
month-10 = oct.
month-11 = nov.
month-12 = déc.

## Événements, sondages, tâches et créneaux : ce que le cœur refuse
error-too-long-place = Le lieu dépasse { $max } caractères. Raccourcissez-le et réessayez.
error-too-long-time-zone = Ce n’est pas le nom d’un fuseau horaire. Utilisez un nom comme Europe/Paris.
error-too-long-question = La question dépasse { $max } caractères. Raccourcissez-la et réessayez.
error-too-long-option = Un choix dépasse { $max } caractères. Raccourcissez-le et réessayez.
error-too-long-notes = Les notes dépassent { $max } caractères. Raccourcissez-les et réessayez.
error-end-before-start = La fin est avant le début. Donnez une fin après le début.
error-date-out-of-range = Cette date est hors limites. Donnez une date à partir de 1970, d’une durée d’un an au plus.
error-event-not-found = Cet événement est introuvable dans ce groupe.
error-poll-not-found = Ce sondage est introuvable dans ce groupe.
error-task-not-found = Cette tâche est introuvable dans ce groupe.
error-shift-not-found = Ce créneau est introuvable dans ce groupe.
error-event-title-required = Donnez un titre à l’événement.
error-not-an-organiser = Seuls les organisateurs de l’événement et les admins peuvent le modifier.
error-event-cancelled = Cet événement est annulé ; il ne prend plus de réponses.
error-bad-capacity = Le nombre de places doit aller de 1 à { $max }.
error-poll-options = Un sondage a de { $min } à { $max } choix, aucun vide.
error-question-required = Écrivez d’abord la question du sondage.
error-poll-closed = Ce sondage est clos ; ses résultats sont définitifs.
error-no-such-option = Ce choix n’est pas dans ce sondage. Choisissez l’un de ses choix.
error-single-choice = Ce sondage n’accepte qu’une seule réponse. Choisissez un seul choix.
error-no-new-options = Seule la personne qui a créé ce sondage peut y ajouter des choix.
error-only-creator-or-admin = Seuls la personne qui l’a créé et les admins peuvent faire cela.
error-task-title-required = Donnez un titre à la tâche.
error-not-on-task = Seuls la personne qui a créé la tâche, celles qui s’en chargent et les admins peuvent la modifier. Prenez d’abord la tâche.
error-shift-full = Ce créneau est complet. Choisissez-en un autre, ou demandez une place de plus à son organisateur.
error-shift-title-required = Donnez un titre au créneau.
error-bad-date = « { $given } » n’est pas une date. Écrivez-la ainsi : 2026-12-12 10:00, ou 2026-12-12 pour une journée entière.
error-unknown-zone = « { $zone } » n’est pas un fuseau horaire. Écrivez-le ainsi : Europe/Paris ou America/Sao_Paulo.
error-no-such-time = { $given } n’existe pas dans le fuseau { $zone } : les horloges sautent cette heure. Choisissez une autre heure.

## Événements, sondages, tâches et créneaux dans la fenêtre
tab-events = Événements
tab-polls = Sondages
tab-tasks = Tâches
agenda = Agenda
agenda-none = Rien de prévu pour l’instant
agenda-none-body = Les événements de tous vos groupes s’affichent ici. Créez-en un dans l’onglet Événements d’un groupe.
agenda-mine = Vous y allez
agenda-upcoming = À venir
agenda-past = Passés
coming-up = À venir
coming-up-all = Tous les événements
events-list = Liste
events-month = Mois
events-past = Aussi les événements passés
events-none = Aucun événement à venir
events-none-body = Prévoyez le prochain nettoyage, atelier ou réunion avec « Nouvel événement ».
event-new = Nouvel événement
event-edit-title = Modifier l’événement
event-title = Titre
event-all-day = Toute la journée
event-date = Date
event-last-day = Dernier jour
event-starts = Début
event-ends = Fin
event-zone = Fuseau horaire
event-date-hint = Les dates ainsi : 2026-12-12, les heures ainsi : 10:00.
event-place-label = Lieu (une adresse)
event-online-label = Lien en ligne
event-capacity = Places (laisser vide : sans limite)
event-capacity-bad = Écrivez un nombre de places, ou laissez vide.
event-body = De quoi il s’agit
event-create = Créer l’événement
event-save = Enregistrer
event-edit = Modifier
event-cancel = Annuler l’événement
event-uncancel = Revenir sur l’annulation
event-cancel-title = Annuler « { $name } » ?
event-cancel-body = Toutes les personnes qui ont répondu verront qu’il est annulé. Vous pourrez revenir dessus.
event-organisers = Organisé par { $names }
event-add-organiser = Ajouter un organisateur
event-cancelled = Annulé
event-moved = Déplacé : il était prévu { $when }
event-place = Où : { $place }
event-online = Rejoindre en ligne
event-counts = { $going } y vont · { $maybe } peut-être · { $no } ne peuvent pas
event-counts-places = { $going } places prises sur { $places } · { $waiting } en attente · { $maybe } peut-être · { $no } ne peuvent pas
event-going = Y vont : { $names }
event-waiting = En attente d’une place : { $names }
event-you-wait = Les places sont prises : vous êtes sur la liste d’attente et montez si quelqu’un se désiste.
event-ics = Ajouter à mon agenda (.ics)
ics-written = Enregistré sous { $path }. Ouvrez-le pour l’ajouter à votre agenda.
rsvp-yes = J’y vais
rsvp-maybe = Peut-être
rsvp-no = Je ne peux pas
month-before = Le mois précédent
month-after = Le mois suivant
month-day-empty = Rien de prévu ce jour-là.
month-today = Aujourd’hui
month-title = { $month } { $year }
date-short = { $weekday } { $day } { $month }
when-all-day = { $day }, toute la journée
when-days = { $first } – { $last }
weekday-1 = lun.
weekday-2 = mar.
weekday-3 = mer.
weekday-4 = jeu.
weekday-5 = ven.
weekday-6 = sam.
weekday-7 = dim.
month-long-1 = Janvier
month-long-2 = Février
month-long-3 = Mars
month-long-4 = Avril
month-long-5 = Mai
month-long-6 = Juin
month-long-7 = Juillet
month-long-8 = Août
month-long-9 = Septembre
month-long-10 = Octobre
month-long-11 = Novembre
month-long-12 = Décembre
shifts = Créneaux
shifts-none = Aucun créneau prévu. Créez-en un pour le stand du marché ou l’accueil de l’atelier.
shift-new = Nouveau créneau
shift-title = De quoi il s’agit
shift-places-label = Places
shift-places-bad = Écrivez combien de personnes il faut (1 ou plus).
shift-create = Créer le créneau
shift-places = { $taken } places prises sur { $places }
shift-standing-by = En réserve : { $names }
shift-you-are-in = Vous avez une place.
shift-you-stand-by = Vous vous êtes inscrit·e quand c’était complet : vous êtes en réserve.
shift-join = M’inscrire
shift-leave = Me désinscrire
shift-cancel = Annuler le créneau
shift-cancel-title = Annuler « { $name } » ?
shift-cancel-body = Toutes les personnes inscrites verront qu’il est annulé. Vous pourrez revenir dessus.
shift-full = Complet
poll-new = Nouveau sondage
poll-not-secret = Les votes ne sont pas secrets : chaque membre voit qui a voté quoi.
polls-none = Aucun sondage pour l’instant
polls-none-body = Posez une question au groupe avec « Nouveau sondage ».
poll-question = Question
poll-option-n = Choix { $count }
poll-remove-option = Retirer ce choix
poll-more-options = Un autre choix
poll-multiple = Les membres peuvent cocher plusieurs choix
poll-open = Les membres peuvent ajouter des choix
poll-create = Poser la question
poll-closed = Clos
poll-how-single = Une seule réponse · { $count ->
    [one] { $count } membre a voté
   *[other] { $count } membres ont voté
}
poll-how-multiple = Plusieurs réponses · { $count ->
    [one] { $count } membre a voté
   *[other] { $count } membres ont voté
}
poll-vote = Voter
poll-change-vote = Changer mon vote
poll-withdraw = Retirer mon vote
poll-close = Clore le sondage
poll-close-title = Clore « { $name } » ?
poll-close-body = Plus personne ne pourra voter ni changer son vote ; les résultats seront définitifs.
poll-add-option = Un nouveau choix
poll-add = Ajouter
tasks-none = Aucune tâche pour l’instant
tasks-none-body = Ajoutez ce qu’il y a à faire ; chaque membre peut prendre une tâche.
task-new = Nouvelle tâche
task-due-label = Pour le
task-add = Ajouter la tâche
task-open = à faire
task-doing = en cours
task-done = fait
task-due = Pour le { $when }
task-on-it = S’en chargent : { $names }
task-take = Je m’en charge
task-let-go = Je la laisse
task-mark-doing = Commencée
task-mark-done = Faite
task-reopen = Rouvrir
remind-soon-minutes = { $name } commence dans { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
remind-soon-hours = { $name } commence dans { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
remind-soon-days = { $name } commence dans { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
remind-moved = { $name } a été déplacé
remind-moved-to = C’est maintenant { $when }.
remind-cancelled = { $name } est annulé

## Pictures and files
attach-files = Joindre des images ou des fichiers…
attach-drop = Déposez les fichiers pour les joindre à votre publication
attach-remove = Retirer { $name }
attach-privacy = Le lieu et l’appareil sont retirés des photos avant qu’elles soient partagées.
file-download = Télécharger
file-open = Ouvrir
file-save = Enregistrer
file-waiting = Pas encore ici : il vient d’un membre qui l’a, dès que l’un d’eux est en ligne.
file-lies = Ce fichier n’est pas ce que le groupe en dit ; il n’a pas été gardé.
file-saved = Enregistré dans { $path }
picture-loading = Chargement de l’image…
picture-damaged = Cette image ne peut pas être affichée : elle est abîmée ou n’est pas vraiment une image.
picture-too-large = Cette image est trop grande pour être affichée.
picture-kind = Images
picture-no-picker = Aucun sélecteur de fichiers n’a pu s’ouvrir sur cet ordinateur.
size-mb = { $mb } Mo
size-kb = { $kb } ko
size-bytes = { $count ->
    [one] { $count } octet
   *[other] { $count } octets
}
avatar-label = Votre photo
avatar-choose = Choisir une image…
avatar-remove = Retirer l’image
group-picture = Image du groupe
group-picture-choose = Choisir une image…
group-picture-remove = Retirer l’image
settings-files = Images et fichiers
settings-auto-download = Télécharger d’elles-mêmes les images jusqu’à
settings-auto-download-help = Les vignettes et les photos des membres viennent toujours d’elles-mêmes. Les images plus lourdes et les autres fichiers se téléchargent quand vous les ouvrez.
settings-space = { $group } : { $here } ici sur { $all }
settings-free-space = Libérer de l’espace
settings-free-space-help = Retire de cet appareil les fichiers qu’aucun groupe n’utilise plus.
settings-freed = { $size } libérés.
error-file-empty = Ce fichier est vide.
error-file-too-large = Ce fichier dépasse ce que ce groupe accepte ({ $max_mb } Mo). Un admin peut relever la limite dans les réglages du groupe.
error-group-files-full = Les fichiers de ce groupe dépasseraient sa limite de { $max_mb } Mo. Retirez d’anciens fichiers, ou demandez à un admin de relever la limite.
error-file-limit-out-of-range = Une limite de fichiers va de 1 Mo à { $max_mb } Mo.
error-bad-file-name = Un nom de fichier ne peut contenir ni dossier ni caractère de contrôle, et compte au plus { $max } caractères. Renommez le fichier et réessayez.
error-not-a-file-type = Causeway ne sait pas quel genre de fichier c’est.
error-not-an-image = Ce n’est pas une image que Causeway sait afficher. Choisissez un fichier PNG, JPEG, WebP ou GIF.
error-too-many-files = Au plus { $max } fichiers à la fois.
error-attachment-not-found = Ce fichier n’est plus dans le groupe.
error-file-unreadable = { $path } n’a pas pu être lu ({ $detail }). Vérifiez le fichier et réessayez.
error-file-not-here = { $name } n’est pas encore arrivé, et aucun membre qui l’a n’est en ligne. Réessayez plus tard.
error-file-not-as-referenced = { $name } n’était pas ce que le groupe en dit ; il n’a pas été gardé.

## Moderation: hiding and showing again
hide = Masquer
unhide = Afficher à nouveau
hide-post-title = Masquer cette publication de { $name } ?
hide-comment-title = Masquer ce commentaire de { $name } ?
hide-body = Les membres ne le verront plus ; la modération si, et peut l’afficher à nouveau. Dites pourquoi : les membres peuvent lire la raison.
reason-needed = Écrivez d’abord une raison : les membres la lisent, et la personne qui a écrit aussi.
a-moderator = la modération
hidden-by = Masqué par { $name }
hidden-by-because = Masqué par { $name } : { $reason }
tab-moderation = Modération
moderation-nothing-hidden = Rien n’est masqué
moderation-nothing-hidden-help = Quand la modération masque une publication ou un commentaire, il apparaît ici avec la raison, et toute personne de la modération peut l’afficher à nouveau.
moderation-hidden-posts = { $count ->
    [one] Une publication masquée
   *[other] { $count } publications masquées
}
moderation-hidden-comments = { $count ->
    [one] Un commentaire masqué
   *[other] { $count } commentaires masqués
}
moderation-on-post = Sur la publication de { $name }

unhide-title = Afficher à nouveau ?
unhide-body = Les membres le verront de nouveau dans le fil. Dites pourquoi : le journal du groupe garde la raison.
## The moderation log
tab-log = Journal
log-filter = Quelles décisions
log-filter-all = Toutes les décisions
log-filter-hide = Masqués
log-filter-unhide = Affichés à nouveau
log-filter-remove = Retraits
log-filter-role = Changements de rôle
log-filter-withdraw = Invitations retirées
log-export = Exporter le journal
log-export-help = Écrit le journal avec l’historique signé du groupe dans le dossier d’export, pour que chacun puisse le vérifier avec `causeway log verify`. Il contient aussi les publications du groupe : ne le partagez qu’avec des personnes à qui le groupe les montrerait.
log-help = Chaque décision de la modération et des admins du groupe, avec qui l’a prise, dans quel rôle, et pourquoi. L’appareil de chaque membre le lit dans sa propre copie du groupe.
log-empty = Aucune décision pour l’instant
log-empty-help = Quand la modération masque quelque chose, ou qu’un admin retire quelqu’un ou change un rôle, c’est écrit ici pour que chaque membre le lise.
log-hid = { $name } a masqué { $kind ->
    [post] la publication
    [comment] le commentaire
    [attachment] le fichier
    [document] le document
   *[other] l’élément
} de { $other } « { $title } »
log-unhid = { $name } a de nouveau affiché { $kind ->
    [post] la publication
    [comment] le commentaire
    [attachment] le fichier
    [document] le document
   *[other] l’élément
} de { $other } « { $title } »
log-removed = { $name } a retiré { $other } du groupe
log-role = { $name } a donné à { $other } le rôle { $role }
log-withdrew = { $name } a retiré l’invitation « { $title } »
log-other = { $name } a pris une décision que cette version de Causeway ne sait pas montrer
log-exported = Le journal ({ $count } entrées) est dans { $path }.
error-not-a-log-file = Ce fichier n’est pas un journal de modération. Un journal s’écrit avec « Exporter le journal » ou `causeway log export`.
error-log-file-too-new = Ce journal a été écrit par un Causeway plus récent. Mettez celui-ci à jour pour le vérifier.
error-log-history-broken = L’historique du groupe dans ce journal ne tient pas ({ $refused } modifications refusées, { $waiting } auxquelles il manque ce sur quoi elles reposent) : le fichier a été abîmé ou modifié.
error-log-entry-altered = L’entrée { $number } du journal n’est pas ce que dit l’historique signé du groupe : le fichier a été modifié.
error-log-entries-missing = Le journal liste { $listed } entrées mais l’historique signé du groupe en contient { $held } : le fichier a été modifié.

## Reports
error-report-not-found = Ce signalement est introuvable dans ce groupe.
error-report-unreadable = Ce signalement ne peut pas être ouvert sur cet appareil : il a été scellé pour la modération de son jour. Une autre personne de la modération l’ouvre et vous en transmet la clé.
error-report-too-long = Un signalement fait au plus { $max } caractères.
error-unknown-category = « { $given } » n’est pas un motif de signalement. Choisissez hate, sexual, violence, doxing, harassment, spam, illegal ou other.
error-unknown-verdict = « { $given } » n’est pas une décision sur un signalement. Choisissez hide, dismiss, warn ou remove.
error-unknown-report-target = « { $given } » ne désigne rien à signaler. Signalez une publication, un commentaire ou un membre.
report = Signaler
report-post-of = la publication de { $name }
report-comment-of = le commentaire de { $name }
report-title = Signaler { $name }
report-help = Seuls la modération, les admins et la personne propriétaire du groupe lisent votre signalement ; personne d’autre n’apprend que vous l’avez fait. Vous verrez ce qui est décidé.
report-pick = Choisissez pourquoi.
report-words = Avec vos mots (facultatif)
report-send = Envoyer le signalement
report-sealed = Votre signalement est scellé pour la modération ; il part vers le premier de ses appareils que celui-ci joint.
report-filed = Votre signalement est entre les mains de la modération.
category-hate = Discrimination ou haine
category-sexual = Contenu sexuel
category-violence = Apologie de la violence
category-doxing = Données privées publiées
category-harassment = Harcèlement ou traque
category-spam = Spam ou publicité
category-illegal = Contenu illégal
category-other = Autre chose
queue-title = { $count ->
    [0] Aucun signalement à traiter
    [one] Un signalement à traiter
   *[other] { $count } signalements à traiter
}
queue-empty = Quand un membre signale quelque chose, cela apparaît ici, du plus ancien au plus récent.
report-about = { $kind ->
    [post] La publication de { $name } « { $title } »
    [comment] Le commentaire de { $name } « { $title } »
    [member] { $name }
   *[other] Quelque chose de { $name }
}
report-by = { $name } l’a signalé : { $kind }
warn-words = Note privée à son auteur (pour un avertissement ; seuls lui et la modération la lisent)
report-dismiss = Classer
report-warn = Avertir
my-reports = Vos signalements
my-report-open = { $kind } · en attente de la modération
my-report-decided = { $kind } · { $action ->
    [hide] masqué par la modération
    [dismiss] classé par la modération
    [warn] son auteur a été averti
    [remove] son auteur a été retiré
   *[other] traité
} : { $reason }
tab-moderation-count = Modération ({ $count })
group-reports-waiting = { $name }, { $count ->
    [one] un signalement à traiter
   *[other] { $count } signalements à traiter
}
reports-waiting = { $count ->
    [one] Un signalement attend la modération
   *[other] { $count } signalements attendent la modération
}
log-dismissed = { $name } a classé un signalement
log-warned = { $name } a averti { $other }
log-filter-dismiss = Signalements classés
log-filter-warn = Avertissements
removed-by = Vous avez été retiré·e de { $group } par { $name }. Ce que vous aviez reste lisible ici ; ce que vous écrivez n’atteint plus le groupe.
removed-by-because = Vous avez été retiré·e de { $group } par { $name } : { $reason }. Ce que vous aviez reste lisible ici ; ce que vous écrivez n’atteint plus le groupe.
warned-you = { $name } vous a averti·e, avec des mots que seuls vous et la modération lisez :

## Blocking and muting
block = Bloquer
unblock = Débloquer
block-help = Ses publications, commentaires et réactions disparaissent de tous vos groupes, et son appareil ne peut plus se synchroniser avec le vôtre. Vous seul·e le savez.
mute = Masquer
unmute = Ne plus masquer
mute-help = Ses publications, commentaires et réactions disparaissent de votre fil. Vous seul·e le savez.
blocked-mark = Bloqué·e par vous
muted-mark = Masqué·e par vous
thread-mute = Masquer la discussion
thread-mute-help = Replier cette publication et ses commentaires sur une ligne. Vous seul·e le savez.
thread-muted = Vous avez masqué cette discussion : { $name }
thread-unmute = Afficher à nouveau
group-mute = Mettre ce groupe en sourdine (pas de notifications)
group-mute-help = Les nouvelles publications de ce groupe ne vous sont plus notifiées. Vous seul·e le savez.
block-title = Bloquer { $name } ?
block-body = Ses publications, commentaires et réactions disparaissent de tous vos groupes sur cet appareil, et son appareil ne peut plus se synchroniser avec le vôtre. Les groupes gardent ce qu’il ou elle a écrit, et personne n’est prévenu. Vous pouvez le ou la débloquer dans les Réglages.
block-reason-label = Pourquoi (facultatif ; vous seul·e le lisez)
settings-blocks = Bloqué et masqué
settings-blocks-help = Sur cet appareil seulement. Personne n’est prévenu.
settings-blocks-none = Vous n’avez bloqué ni masqué personne ni rien.
blocked-line = Bloqué·e : { $name }
blocked-line-because = Bloqué·e : { $name } ({ $reason })
muted-person-line = Masqué·e : { $name }
muted-thread-line = Discussion masquée : { $name }
muted-group-line = Groupe en sourdine : { $name }
error-cannot-block-self = Vous ne pouvez pas vous bloquer ni vous masquer vous-même.
error-unknown-person = Cette personne n’est membre d’aucun de vos groupes. Nommez un membre.
error-unknown-post = Cette publication n’est pas dans ce groupe ; elle a peut-être été supprimée.
error-block-reason-too-long = La raison est trop longue : { $count } caractères au plus.
error-unknown-mute-target = « { $given } » ne désigne rien à masquer. Nommez un membre, un groupe ou une publication.
warning-blocks-unreadable = Votre liste de personnes bloquées et masquées n’a pas pu être lue ({ $detail }). Bloquez-les ou masquez-les à nouveau dans les Réglages.

## Leaving a group
leave = Quitter ce groupe
leave-and-delete = Quitter et supprimer ma copie
leave-title = Quitter { $name } ?
leave-body = Les membres apprennent que vous êtes parti·e. Vous ne recevez ni n’envoyez plus rien dans ce groupe ; ce que vous avez reste lisible sur cet appareil.
delete-copy = Supprimer ma copie
delete-copy-title = Supprimer votre copie de { $name } ?
delete-copy-body = Tout ce que cet appareil garde du groupe disparaît : publications, commentaires, documents, fichiers. Si vous êtes encore membre, vous quittez d’abord le groupe, et la copie disparaît dès qu’un membre l’a appris. C’est définitif sur cet appareil.
error-leave-not-delivered = Aucun membre n’a pu être joint pour apprendre votre départ : votre copie est gardée pour le leur dire. Réessayez quand un membre est en ligne.
erase-mine = Supprimer toutes mes publications et tous mes commentaires
erase-mine-title = Supprimer toutes vos publications et tous vos commentaires dans { $name } ?
erase-mine-body = Leur texte est effacé sur l’appareil de chaque membre, comme quand vous en supprimez un. Vos réactions et les documents où vous avez écrit restent. C’est définitif.

## Handing a group over
error-hand-over-to-yourself = Le groupe est déjà à vous. Confiez-le à un·e admin.
error-hand-over-to-admin = Le groupe ne peut être confié qu’à un·e admin. Nommez d’abord cette personne admin.
error-only-owner-hands-over = Seul·e le ou la propriétaire peut confier le groupe.
hand-over = Confier le groupe
hand-over-title = Confier { $name } à { $other } ?
hand-over-body = Cette personne devient propriétaire, et vous admin. Elle seule pourra vous le rendre. Chaque membre le voit dans le journal du groupe.
error-too-many-open-reports = Vous avez { $max } signalements que la modération n’a pas encore traités. Attendez ses décisions avant d’en faire d’autres.
hidden-yours = { $name } a masqué votre publication : les autres membres ne la voient plus ; vous et la modération, si.
hidden-yours-because = { $name } a masqué votre publication : { $reason }. Les autres membres ne la voient plus ; vous et la modération, si.
request-via = par l’invitation de { $name }
