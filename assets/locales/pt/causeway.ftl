# Causeway — português. Cada arquivo de idioma tem exatamente estas chaves (um teste verifica).

## Geral
opening = Abrindo seus grupos…
dismiss = Fechar
continue = Continuar
save = Salvar
create = Criar
cancel = Cancelar
edit = Editar
delete = Apagar
remove = Remover
add = Adicionar
copy = Copiar
close = Fechar
copied = Copiado. Cole numa mensagem para a pessoa que você convida.

## Primeiro uso
welcome-title = Boas-vindas ao Causeway
welcome-name-help = Escolha o nome que os outros membros dos seus grupos vão ver. Você pode mudá-lo depois nas Configurações.
your-name = Seu nome
your-bio = Algumas palavras sobre você
your-bio-optional = Algumas palavras sobre você (opcional)
your-bio-hint = Os membros dos seus grupos veem estas palavras na lista de membros e ao apontar para o seu nome.
your-languages = Idiomas que você lê
name-needed = Escreva um nome primeiro: é assim que os outros vão reconhecer você.

## Barra lateral
my-groups = Meus grupos
all-groups = Todos os grupos
create-group = Criar um grupo
join-group = Entrar num grupo
settings = Configurações
help = Ajuda
help-shortcuts = Atalhos de teclado
keys-ctrl-enter = Ctrl+Enter
shortcut-post = Publica o que você está escrevendo
keys-enter = Enter
shortcut-comment = Envia um comentário ou uma resposta
keys-escape = Esc
shortcut-close = Fecha uma janela, uma pergunta ou um menu sem mudar nada
keys-tab = Tab, Shift+Tab
shortcut-tab = Vai para o campo ou botão seguinte ou anterior
keys-zoom = Ctrl+Mais, Ctrl+Menos
shortcut-zoom = Aumenta ou diminui tudo (o tamanho do texto também está nas Configurações)
keys-select-all = Ctrl+A
shortcut-select-all = Seleciona todo o texto de um campo
help-formatting = Formatar publicações e comentários
help-formatting-body = Publicações e comentários entendem Markdown. Um link só abre no navegador quando você clica nele; o endereço aparece quando você aponta para ele.
help-formatting-example = **negrito**, *itálico*, [um link](https://example.org)
    - uma lista
    - de coisas
help-formatting-shows = Aparece assim:
seen-as = Os outros veem você como { $name }
members-connected-short = { $count ->
    [0] Ninguém mais está conectado agora
    [one] Um outro membro está conectado
   *[other] { $count } outros membros estão conectados
}
group-unread = { $count ->
    [one] { $name }, 1 publicação não lida
   *[other] { $name }, { $count } publicações não lidas
}

## Um grupo
group-arriving = Esperando o grupo chegar
group-arriving-help = O histórico deste grupo ainda não chegou. Ele aparece assim que o aparelho de outro membro puder ser alcançado.
no-longer-member = Você não é mais membro deste grupo. Ainda pode ler o que foi compartilhado antes.
invite-people = Convidar pessoas
bundle-title = Levar este grupo sem rede
bundle-help = Onde não há internet nem rede em comum, o grupo viaja num pendrive: grave um pacote aqui e leia-o no dispositivo de outro membro. Cada mudança nele é verificada lá como se tivesse chegado pela rede.
bundle-write = Gravar um pacote
bundle-read = Ler um pacote…
bundle-drop = Ou solte um arquivo de pacote nesta janela. Os pacotes são gravados na pasta de exportação escolhida nas Configurações.
bundle-files = Pacotes do Causeway
bundle-no-picker = Não foi possível abrir um seletor de arquivos neste computador. Solte o arquivo do pacote nesta janela.
bundle-written = O pacote foi gravado em { $path } ({ $count } mudanças).
bundle-taken = O pacote trouxe { $count ->
    [0] nada de novo para { $group }
    [one] 1 mudança nova para { $group }
   *[other] { $count } mudanças novas para { $group }
}{ $refused ->
    [0] .
   *[other] ; { $refused } foram recusadas (não assinadas por um membro, ou não permitidas).
}
tab-feed = Publicações
tab-documents = Documentos
docs-new-title = Título de um novo documento
docs-new = Novo documento
docs-new-from-file = De um arquivo Markdown…
docs-new-from-file-help = Ou solte um arquivo Markdown nesta janela.
docs-no-picker = Não foi possível abrir um seletor de arquivos neste computador. Solte o arquivo Markdown nesta janela.
docs-markdown-files = Arquivos Markdown e de texto
docs-file-unreadable = Não foi possível ler o arquivo { $path } ({ $detail }). Verifique se ele ainda existe e se você pode abri-lo, ou escolha outro.
docs-none = Ainda não há documentos
docs-none-help = Um documento é um texto que o grupo todo escreve junto: o plano da campanha, a ata, um panfleto. Dê um título acima para começar um.
docs-by = por { $name }, { $when }
docs-last = alterado por último por { $name }, { $when } · { $count ->
    [one] 1 caractere
   *[other] { $count } caracteres
}
docs-archived = arquivado
docs-hidden = ocultado pela moderação: { $detail }
doc-back = ← Todos os documentos
doc-export = Exportar…
doc-export-help = Grava o documento como Markdown e como arquivo Automerge na pasta de exportação escolhida nas Configurações.
doc-exported = “{ $title }” foi gravado como { $markdown } (Markdown) e { $automerge } (Automerge).
doc-settings = Configurações do documento
doc-title = Título
doc-rename = Renomear
doc-archive = Arquivar
doc-unarchive = Tirar do arquivo
doc-hide = Ocultar
doc-unhide = Mostrar de novo
doc-hide-title = Ocultar “{ $name }”?
doc-hide-body = Os membros não verão mais este documento na lista; a moderação sim. Diga por quê: os membros podem ler.
doc-editors = Quem pode editar
doc-editors-all = Todos os membros
doc-editors-admins = Só admins
doc-editors-listed = Os membros listados
doc-text = Texto do documento
doc-bold = Negrito
doc-italic = Itálico
doc-link = Link…
doc-link-address = Endereço do link
doc-link-apply = Pôr o link
doc-link-remove = Tirar o link
doc-kind = Tipo de parágrafo
doc-kind-paragraph = Parágrafo
doc-kind-heading = Título { $count }
doc-kind-bullet = Lista com marcadores
doc-kind-numbered = Lista numerada
doc-kind-quote = Citação
doc-history = Histórico
doc-history-close = Fechar o histórico
doc-who-wrote = Quem escreveu o quê
doc-version = Versão { $count } por { $name }, { $when }
doc-show-version = Mostrar
doc-restore = Restaurar
doc-compare = Comparar com agora
doc-comparing = O que mudou desde a versão { $count } (riscado: retirado; sublinhado: acrescentado)
doc-back-to-now = Voltar ao texto atual
doc-read-only = Você pode ler este documento. Quem o criou ou um admin pode deixar você editá-lo.
doc-masked = As edições de alguém que não pode mais editar este documento estão ocultas; por isso ele aparece aqui sem edição. A linha de comando ainda pode alterá-lo.
doc-also-here = Também aqui: { $names }
tab-members = Membros
tab-about = Sobre
members-count = { $count ->
    [one] { $count } membro
   *[other] { $count } membros
}
members-connected = { $total ->
    [0] Por enquanto você é o único membro
    [one] { $count ->
        [0] O outro membro não está conectado
       *[other] O outro membro está conectado
    }
   *[other] { $count } de { $total } outros membros conectados
}
syncing = Sincronizando…
last-sync = Última sincronização { $when }
never-synced = Ainda não sincronizado com ninguém
connection-details = Detalhes das conexões
reach-you = Este aparelho
reach-direct = Conectado diretamente
reach-relay = Conectado por um relay
reach-seen = Visto por último { $when }
reach-unreachable = Inalcançável desde { $when }
reach-unknown = Ainda não alcançado

## Publicações
write-post = Escrever uma publicação
post-title = Título (opcional)
post-body = Sua publicação
post-language = Idioma
post-send = Publicar
post-shortcut = Ctrl+Enter publica
post-later = Mais tarde
write-post-draft = Continuar o rascunho
post-empty = Escreva algo antes de publicar.
post-edit-title = Editar o título
post-edit-body = Editar o texto
post-edited = editado
post-pinned = Fixado
post-pin = Fixar
post-unpin = Desafixar
group-held = { $count ->
    [one] Uma alteração neste grupo precisa de um Causeway mais recente: é guardada e repassada, e aparece depois de atualizar.
   *[other] { $count } alterações neste grupo precisam de um Causeway mais recente: são guardadas e repassadas, e aparecem depois de atualizar.
}
no-posts = Nenhuma publicação ainda
no-posts-help = Escreva a primeira acima. Ela chega ao dispositivo de cada membro assim que ele estiver conectado.
show-more = Mostrar mais
show-less = Mostrar menos
react-add = Adicionar uma reação
reacted-with = { $others ->
    [0] { $names } reagiu com { $emoji }
    [one] { $names } e mais uma pessoa reagiram com { $emoji }
   *[other] { $names } e mais { $others } pessoas reagiram com { $emoji }
}
emoji-search = Procurar pelo nome em inglês (heart…)
emoji-none = Nenhum emoji corresponde a esta busca.
comments = { $count ->
    [0] Comentar
    [one] 1 comentário
   *[other] { $count } comentários
}
comment-write = Escrever um comentário
reply = Responder
reply-write = Escrever uma resposta
comment-send = Enviar

## Membros
requests = Pedindo para entrar
approve = Aprovar
decline = Recusar
decline-title = Recusar o pedido de { $name }?
decline-body = O pedido é esquecido. A pessoa pode pedir de novo com um convite.
remove-title = Remover { $name } do grupo?
remove-body = A pessoa deixa de receber as publicações do grupo, e o que escrever a partir de agora é recusado por todos os membros. Os membros podem ler o motivo que indicar.
reason-label = Motivo (os membros podem lê-lo)
chars-left = { $count ->
    [one] Resta 1 carácter
   *[other] Restam { $count } caracteres
}
delete-post-title = Apagar esta publicação?
delete-comment-title = Apagar este comentário?
delete-body = O texto é apagado no dispositivo de cada membro. Você pode desfazer durante alguns segundos depois.
undo = Desfazer
post-deleted = Publicação excluída.
comment-deleted = Comentário excluído.
withdraw-title = Retirar este convite?
withdraw-body = Quem o tiver não poderá mais entrar com ele. Quem já entrou continua membro.
role-owner = Dono
role-admin = Admin
role-moderator = Moderador
role-member = Membro
role-removed = Não é mais membro
roles-explained = O que cada papel pode fazer
role-owner-help = Criou o grupo. Faz tudo o que um admin faz, e ninguém pode removê-lo.
role-admin-help = Convida pessoas, aprova pedidos, muda papéis, remove membros, edita a descrição do grupo e fixa publicações.
role-moderator-help = Oculta publicações e comentários que violam as regras do grupo, com um motivo que os membros podem ler.
role-member-help = Lê, publica, comenta e reage.
role-removed-help = Pode ler o que foi compartilhado antes, mas não recebe nem envia mais nada.

## Sobre e formulário do grupo
group-name = Nome do grupo
group-name-needed = Dê um nome ao grupo primeiro.
group-mission = Missão
group-causes = Causas
group-tag = Outra causa
group-region = Região
group-languages = Idiomas
group-visibility = Quem pode entrar
group-created = Criado em
visibility-invite = Só pessoas que convidamos
visibility-request = Qualquer pessoa pode pedir; um admin aprova
visibility-open = Quem tem um convite entra na hora
cause-environment = Meio ambiente
cause-housing = Moradia
cause-education = Educação
cause-health = Saúde
cause-food = Alimentação
cause-migration = Migração
cause-animals = Animais
cause-culture = Cultura
cause-human-rights = Direitos humanos
cause-neighbourhood = Bairro

## Todos os grupos
no-groups = Você ainda não está em nenhum grupo. Crie um grupo para a sua causa ou entre num com um convite que recebeu.
no-groups-title = Nenhum grupo ainda
filter-group = Grupo
filter-cause = Causa
filter-language = Idioma
filter-any = Todos
no-posts-filtered = Nenhuma publicação corresponde a estes filtros.
no-posts-filtered-title = Nada aqui

## Convite
invite-title = Convidar pessoas para { $group }
invite-uses = Pode ser usado
invite-uses-n = { $count ->
    [one] uma vez
   *[other] { $count } vezes
}
invite-uses-any = quantas vezes quiser
invite-expires = Expira
invite-days = { $count ->
    [one] depois de 1 dia
   *[other] depois de { $count } dias
}
invite-never = nunca
invite-create = Criar convite
invite-share = Envie este convite para a pessoa que você quer no grupo, ou deixe que ela escaneie o código. Quem tem o convite pode entrar: compartilhe em particular.
invite-ticket = Convite
invite-qr = Convite como código QR
invite-open = Convites abertos
invite-used = { $count ->
    [0] ainda não usado
    [one] usado uma vez
   *[other] usado { $count } vezes
}
invite-used-of = usado { $done } de { $total }
invite-until = até { $when }
invite-withdraw = Retirar
invite-show = Mostrar de novo

## Entrar
join-title = Entrar num grupo
join-help = Cole o convite que você recebeu. A pessoa que convidou você precisa estar com o Causeway aberto, na mesma rede ou online.
join-paste = Convite
join-button = Entrar
join-reaching = Conectando ao aparelho de quem convidou e recebendo o grupo…
join-invited-by = { $name } convida você para { $group }
join-reaching-name = Conectando ao aparelho de { $name }…
join-receiving = Recebendo o grupo: { $done } de { $total } alterações
join-waiting-approval = Você pediu para entrar. Um admin do grupo vai aprovar; o grupo aparece aqui quando isso acontecer.

## Configurações
settings-language = Idioma
settings-profile = Seu perfil
settings-look = Aparência
settings-theme = Tema
theme-system = Igual ao sistema
theme-light = Claro
theme-dark = Escuro
settings-text-size = Tamanho do texto
text-small = Pequeno
text-normal = Normal
text-large = Grande
text-larger = Maior
settings-notifications = Notificações
choose-folder = Escolher…
export-folder-needed = Escolha primeiro uma pasta para exportar.
save-profile = Salvar
settings-network = Conexões
running-title = Em uso agora
running-loopback = Só este computador (um teste ou uma demonstração): nada sai dele.
running-relay-default = Os relays públicos do Causeway quando uma conexão direta não é possível
running-relay-custom = O seu próprio relay, { $url }, quando uma conexão direta não é possível
running-relay-none = Só conexões diretas, sem relay
running-lan-on = Procurando membros na rede local
running-lan-off = Sem procurar membros na rede local
running-relay-connected = Conectado ao relay { $url }
running-relay-waiting = Sem conexão com um relay agora: os membros só alcançam este dispositivo diretamente
saved-title = Para o próximo início
relay-default = Usar os relays públicos do Causeway quando não for possível uma conexão direta
relay-custom = Usar o nosso próprio relay
relay-url = Endereço do relay
relay-none = Só conexões diretas (sem relay)
lan-discovery = Encontrar membros na rede local
settings-network-save = Salvar as configurações de conexão
settings-network-restart = Salvo. As novas configurações de conexão valem a partir da próxima vez que o Causeway abrir.
notify-title = { $name } em { $group }
notify-more = { $count ->
    [one] e mais 1 publicação nova
   *[other] e mais { $count } publicações novas
}
settings-notify = Mostrar uma notificação para publicações novas nos meus grupos
settings-reminders = Lembrar-me antes dos eventos a que vou:
settings-remind-day = um dia antes
settings-remind-hour = uma hora antes
settings-remind-quarter = 15 minutos antes
settings-data-folder = Onde seus dados ficam guardados
settings-export = Exportar um grupo
settings-export-help = Salva o grupo nesta pasta, como um arquivo JSON legível e como um arquivo Automerge.
settings-export-folder = Pasta
settings-export-group = Exportar { $group }
settings-exported = { $group } foi exportado para { $path }.

## Erros: o que aconteceu e o que fazer
error-unreachable = Não foi possível alcançar o outro aparelho. Verifique se ele está ligado com o Causeway aberto e se você está online ou na mesma rede, e tente de novo.
error-not-member = Esse aparelho não conta mais você como membro deste grupo.
error-refused = O outro aparelho está ocupado. O Causeway vai tentar de novo sozinho.
error-invite-expired = Este convite expirou. Peça um novo.
error-invite-used-up = Este convite já foi usado tantas vezes quanto permitido. Peça um novo.
error-invite-revoked = Este convite foi retirado. Peça um novo.
error-invite-unknown = Este convite não é válido. Verifique se você copiou tudo, ou peça um novo.
error-too-many-requests = Este grupo tem pedidos demais esperando a resposta de um admin. Tente de novo daqui a alguns dias.
error-inviter-not-admin = A pessoa que convidou você não pode mais adicionar membros. Peça um novo convite a um admin do grupo.
error-bad-ticket = Isto não é um convite completo do Causeway. Copie o convite inteiro de novo e cole.
error-disk = O Causeway não conseguiu salvar no disco: provavelmente está cheio. O que você acabou de fazer fica guardado e é salvo assim que houver espaço: libere espaço e mantenha o Causeway aberto até lá.
error-disk-read-only = O Causeway não consegue escrever na sua pasta de dados: ela é somente leitura ou pertence a outro usuário. Nada do que estava salvo se perdeu. Torne a pasta gravável ou abra o Causeway com outra pasta (--data-dir).
error-name-required = É preciso um nome de exibição. Digite o nome que os outros membros vão ver.
error-name-before-creating = Escolha um nome de exibição antes de criar um grupo: digite nas Configurações o nome que os outros membros vão ver.
error-name-before-joining = Escolha um nome de exibição antes de entrar num grupo: digite nas Configurações o nome que os outros membros vão ver.
error-group-name-required = O grupo ainda não tem nome. Dê um nome a ele.
error-too-long-display-name = O nome de exibição tem mais de { $max ->
    [one] { $max } caractere
   *[other] { $max } caracteres
}. Encurte e tente de novo.
error-too-long-bio = O texto sobre você tem mais de { $max ->
    [one] { $max } caractere
   *[other] { $max } caracteres
}. Encurte e tente de novo.
error-too-long-group-name = O nome do grupo tem mais de { $max ->
    [one] { $max } caractere
   *[other] { $max } caracteres
}. Encurte e tente de novo.
error-too-long-mission = A missão tem mais de { $max ->
    [one] { $max } caractere
   *[other] { $max } caracteres
}. Encurte e tente de novo.
error-too-long-region = A região tem mais de { $max ->
    [one] { $max } caractere
   *[other] { $max } caracteres
}. Encurte e tente de novo.
error-too-long-title = O título tem mais de { $max ->
    [one] { $max } caractere
   *[other] { $max } caracteres
}. Encurte e tente de novo.
error-too-long-post-text = O texto da publicação tem mais de { $max ->
    [one] { $max } caractere
   *[other] { $max } caracteres
}. Encurte ou divida em várias publicações.
error-too-long-comment = O comentário tem mais de { $max ->
    [one] { $max } caractere
   *[other] { $max } caracteres
}. Encurte ou divida em vários comentários.
error-too-long-reason = O motivo tem mais de { $max ->
    [one] { $max } caractere
   *[other] { $max } caracteres
}. Encurte e tente de novo.
error-bad-tag = Cada causa e cada idioma precisa ter de 1 a { $max ->
    [one] { $max } caractere
   *[other] { $max } caracteres
}. Tire os vazios ou longos demais.
error-post-empty = A publicação está vazia. Escreva primeiro um título ou um texto.
error-comment-empty = O comentário está vazio. Escreva algo primeiro.
error-bad-reaction = Uma reação é um único emoji ou uma palavra curta. Escolha outra.
error-remove-yourself = Você não pode remover a si mesmo do grupo. Para sair, saia do grupo.
error-nothing-to-change = Nada foi alterado. Altere algo primeiro e depois salve.
error-not-a-member = Você não é (mais) membro deste grupo, então não pode fazer isso. Peça a um admin que convide você de novo.
error-not-yours = Você só pode alterar suas próprias publicações e comentários. Fale com a pessoa que escreveu.
error-only-admins-upgrade = Só os admins e o dono podem atualizar um grupo. Peça a um deles.
error-only-admins-pin = Só os admins e o dono podem fixar ou desafixar publicações. Peça a um deles.
error-only-admins-invite = Só os admins do grupo podem convidar pessoas. Peça um convite a um admin.
error-role-does-not-allow = Seu papel neste grupo não permite isso. Fale com um admin se precisar.
error-change-refused = O Causeway recusou esta alteração porque ela viola as regras do grupo ({ $detail }). Nada foi alterado; por favor, relate este problema.
error-not-arrived = Este grupo ainda não chegou a este aparelho. Se você pediu para entrar, um admin precisa aprovar você primeiro. Tente de novo quando ele mostrar as publicações.
error-needs-upgrade = Este grupo ainda não tem publicações fixadas: ele precisa ser atualizado primeiro. Peça a um admin que o atualize.
error-already-newest = Este grupo já está atualizado. Não há nada para atualizar.
error-pin-hidden-post = Esta publicação foi apagada ou ocultada. Só uma publicação que todos veem pode ser fixada.
error-already-pinned = Esta publicação já está fixada. Não há nada a fazer.
error-not-pinned = Esta publicação não está fixada. Não há nada para desafixar.
error-post-not-found = Essa publicação não foi encontrada neste grupo. Espere o grupo sincronizar e tente de novo.
error-member-not-found = Essa pessoa não é membro deste grupo. Confira a lista de membros e tente de novo.
error-item-not-found = Essa publicação ou esse comentário não foi encontrado neste grupo. Espere o grupo sincronizar e tente de novo.
error-document-not-empty = O Causeway não conseguiu receber o histórico inteiro do grupo porque já tem uma parte dele. Sincronize de novo; se isso continuar acontecendo, por favor, relate.
error-not-an-editor = Você não pode editar este documento. Peça a quem o criou ou a um admin para adicionar você como editor.
error-doc-not-arrived = Este documento ainda não chegou a este dispositivo. Tente de novo quando o texto dele aparecer.
error-doc-too-long = Um documento pode ter no máximo { $max } caracteres. Divida-o em dois documentos.
error-position-past-end = Esse lugar não existe mais no documento (outra pessoa o alterou). Tente de novo.
error-bad-link = Um link precisa ser um endereço web (https://…) ou de e-mail (mailto:…).
error-doc-not-found = Esse documento não foi encontrado neste grupo.
error-doc-title-required = Dê um título ao documento.
error-only-stewards = Só quem criou o documento e os admins podem renomeá-lo, arquivá-lo ou escolher quem o edita.
error-markdown-too-large = O arquivo tem mais de { $max } bytes, mais do que um documento comporta. Divida-o ou importe uma parte dele.
error-markdown-not-text = Esse arquivo não é um arquivo de texto. Escolha um arquivo Markdown (.md) ou de texto simples.
error-no-such-version = O documento não tem a versão “{ $version }”. O histórico dele lista as versões que tem.
error-not-a-bundle = Esse arquivo não é um pacote do Causeway. Um pacote é gravado com “Gravar um pacote” ou `causeway bundle write`.
error-bundle-too-new = O pacote foi gravado por um Causeway mais novo. Atualize o Causeway neste dispositivo para lê-lo.
error-bundle-damaged = O pacote está danificado ou incompleto (talvez o pendrive tenha sido retirado durante a gravação). Nada dele foi recebido; grave-o de novo no dispositivo de onde veio.
error-bundle-too-large = O pacote tem mais de { $max } bytes. Grave só o que falta ao membro (--for), ou um grupo de cada vez.
error-bundle-other-group = O pacote é de um grupo do qual este dispositivo não faz parte ({ $group }). Entre no grupo primeiro e depois leia o pacote de novo.
error-bundle-unreadable = Não foi possível ler o arquivo { $path } ({ $detail }). Verifique se o pendrive continua conectado e se o arquivo está lá.
error-bad-relay-address = “{ $url }” não é um endereço de relay. Um endereço de relay tem este formato: https://relay.example.org.
error-other-process-silent = Outro Causeway usa esta pasta de dados, mas não responde ({ $detail }). Feche-o e tente de novo.
error-export-folder = Não foi possível criar a pasta { $path } ({ $detail }). Escolha outra pasta.
error-export-write = Não foi possível gravar o arquivo { $path } ({ $detail }). Verifique se há espaço e se a pasta é gravável, ou escolha outra pasta.
error-unknown-invite = Este aparelho não conhece esse convite. Verifique se foi você quem o enviou daqui.
error-invite-for-other-group = Esse convite é de outro grupo. Retire-o na lista de convites daquele grupo.
error-owner-role-not-given = O papel de dono não pode ser dado a ninguém. Escolha membro, moderador ou admin.
error-no-such-request = Esse pedido para entrar não está mais esperando. Talvez alguém já tenha respondido.
error-peer-lacks-group = O outro aparelho não tem este grupo. Tente com o aparelho de outro membro.
error-disk-failed = O Causeway não conseguiu usar o arquivo { $path } ({ $detail }). Nada do que estava salvo se perdeu. Verifique o disco e tente de novo.
error-data-folder-in-use = A pasta de dados { $path } já está sendo usada por outro Causeway. Feche esse primeiro ou abra o Causeway com outra pasta (--data-dir).
error-key-damaged = O arquivo de chave do aparelho { $path } tem { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
} em vez de 32 e não foi alterado. Restaure-o de um backup ou mova-o para outro lugar para iniciar este aparelho com uma nova identidade.
error-file-damaged = O arquivo { $path } está danificado e não foi alterado. Restaure-o de um backup ou mova a pasta do grupo para outro lugar para buscar o grupo de novo com outros membros.
error-newer-format = O arquivo { $path } foi gravado por uma versão mais nova do Causeway. Atualize o Causeway.
error-restart-needed = Uma gravação anterior em { $path } falhou e não pôde ser desfeita. Reinicie o Causeway para recarregar o grupo.
error-invalid-id = “{ $input }” não é um identificador válido. Copie de novo, inteiro.
error-bad-signature = Uma assinatura não corresponde ao seu autor, então a alteração não foi aceita. Se isso continuar acontecendo, por favor, relate.
error-group-damaged = Não foi possível abrir o grupo { $group } ({ $detail }). Ele ficou como estava no disco; por favor, relate este problema.
error-unknown-group = Não há nenhum grupo { $group } neste aparelho. Confira de qual grupo se trata ou entre nele primeiro.
error-bad-profile = Seu arquivo de perfil está danificado ({ $detail }). Defina seu nome de novo nas Configurações.
error-protocol = O outro aparelho enviou algo que o Causeway não entende ({ $detail }). Verifique se os dois aparelhos usam a mesma versão do Causeway.
error-randomness = O sistema não conseguiu fornecer números aleatórios ({ $detail }). Reinicie o computador e tente de novo.
error-internal = Algo deu errado dentro do Causeway ({ $detail }). Por favor, relate este problema e tente de novo.
warning-invites-unreadable = Não foi possível ler sua lista de convites ({ $detail }). Talvez seja preciso enviar de novo os convites que você enviou antes.
warning-group-not-opened = Não foi possível abrir o grupo { $group }, que ficou como estava no disco ({ $detail }). Restaure-o de um backup ou mova a pasta dele para outro lugar para buscá-lo de novo com outros membros.
warning-log-tail-set-aside = O final de { $path } estava danificado, provavelmente por uma gravação interrompida. { $count ->
    [one] { $count } byte a partir da posição { $offset } foi movido
   *[other] { $count } bytes a partir da posição { $offset } foram movidos
} para { $copy }, e o registro foi cortado até o último trecho válido. Não é preciso fazer mais nada.
warning-log-records-skipped = Em { $path }, { $count ->
    [one] { $count } byte danificado na posição { $offset } foi pulado e copiado
   *[other] { $count } bytes danificados na posição { $offset } foram pulados e copiados
} para { $copy }. Os trechos válidos depois deles foram mantidos; não é preciso fazer mais nada.

## Tempo
time-just-now = agora mesmo
time-minutes-ago = { $count ->
    [one] há 1 minuto
   *[other] há { $count } minutos
}
time-hours-ago = { $count ->
    [one] há 1 hora
   *[other] há { $count } horas
}
month-1 = jan.
month-2 = fev.
month-3 = mar.
month-4 = abr.
month-5 = maio
month-6 = jun.
month-7 = jul.
month-8 = ago.
month-9 = set.
month-10 = out.
month-11 = nov.
month-12 = dez.

## Eventos, enquetes, tarefas e turnos: o que o núcleo recusa
error-too-long-place = O local tem mais de { $max } caracteres. Encurte-o e tente de novo.
error-too-long-time-zone = Isso não é o nome de um fuso horário. Use um nome como America/Sao_Paulo.
error-too-long-question = A pergunta tem mais de { $max } caracteres. Encurte-a e tente de novo.
error-too-long-option = Uma opção tem mais de { $max } caracteres. Encurte-a e tente de novo.
error-too-long-notes = As notas têm mais de { $max } caracteres. Encurte-as e tente de novo.
error-end-before-start = O fim é antes do início. Dê um fim depois do início.
error-date-out-of-range = Essa data está fora do intervalo. Dê uma data a partir de 1970, com duração de no máximo um ano.
error-event-not-found = Esse evento não foi encontrado neste grupo.
error-poll-not-found = Essa enquete não foi encontrada neste grupo.
error-task-not-found = Essa tarefa não foi encontrada neste grupo.
error-shift-not-found = Esse turno não foi encontrado neste grupo.
error-event-title-required = Dê um título ao evento.
error-not-an-organiser = Só quem organiza o evento e os admins podem alterá-lo.
error-event-cancelled = Este evento foi cancelado; não aceita mais respostas.
error-bad-capacity = O número de vagas deve ser de 1 a { $max }.
error-poll-options = Uma enquete tem de { $min } a { $max } opções, nenhuma vazia.
error-question-required = Escreva primeiro a pergunta da enquete.
error-poll-closed = Esta enquete está encerrada; o resultado é final.
error-no-such-option = Essa opção não está nesta enquete. Escolha uma das opções dela.
error-single-choice = Esta enquete aceita só uma resposta. Escolha uma opção.
error-no-new-options = Só quem criou a enquete pode adicionar opções a ela.
error-only-creator-or-admin = Só quem criou ou um admin pode fazer isso.
error-task-title-required = Dê um título à tarefa.
error-not-on-task = Só quem criou a tarefa, quem está fazendo e os admins podem alterá-la. Pegue a tarefa primeiro.
error-shift-full = Este turno está cheio. Escolha outro ou peça mais uma vaga a quem organiza.
error-shift-title-required = Dê um título ao turno.
error-bad-date = “{ $given }” não é uma data. Escreva assim: 2026-12-12 10:00, ou 2026-12-12 para o dia inteiro.
error-unknown-zone = “{ $zone }” não é um fuso horário. Escreva assim: America/Sao_Paulo ou Europe/Lisbon.
error-no-such-time = { $given } não existe em { $zone }: os relógios pulam essa hora. Escolha outro horário.

## Eventos, enquetes, tarefas e turnos na janela
tab-events = Eventos
tab-polls = Enquetes
tab-tasks = Tarefas
agenda = Agenda
agenda-none = Nada planejado ainda
agenda-none-body = Os eventos de todos os seus grupos aparecem aqui. Crie um na aba Eventos de um grupo.
agenda-mine = Você vai
agenda-upcoming = Em breve
agenda-past = Passados
coming-up = Em breve
coming-up-all = Todos os eventos
events-list = Lista
events-month = Mês
events-past = Também os eventos passados
events-none = Nenhum evento em breve
events-none-body = Planeje o próximo mutirão, oficina ou reunião com “Novo evento”.
event-new = Novo evento
event-edit-title = Alterar o evento
event-title = Título
event-all-day = Dia inteiro
event-date = Data
event-last-day = Último dia
event-starts = Início
event-ends = Fim
event-zone = Fuso horário
event-date-hint = Datas assim: 2026-12-12, horas assim: 10:00.
event-place-label = Local (um endereço)
event-online-label = Link online
event-capacity = Vagas (deixe vazio para sem limite)
event-capacity-bad = Escreva um número de vagas ou deixe vazio.
event-body = Sobre o que é
event-create = Criar o evento
event-save = Salvar
event-edit = Alterar
event-cancel = Cancelar o evento
event-uncancel = Desfazer o cancelamento
event-cancel-title = Cancelar “{ $name }”?
event-cancel-body = Todos que responderam verão que foi cancelado. Você pode desfazer depois.
event-organisers = Organizado por { $names }
event-add-organiser = Adicionar quem organiza
event-cancelled = Cancelado
event-moved = Mudou: era { $when }
event-place = Onde: { $place }
event-online = Participar online
event-counts = { $going } vão · { $maybe } talvez · { $no } não podem
event-counts-places = { $going } de { $places } vagas ocupadas · { $waiting } esperando · { $maybe } talvez · { $no } não podem
event-going = Vão: { $names }
event-waiting = Esperando uma vaga: { $names }
event-you-wait = As vagas acabaram: você está na lista de espera e sobe se alguém desistir.
event-ics = Adicionar à minha agenda (.ics)
ics-written = Salvo como { $path }. Abra o arquivo para adicionar à sua agenda.
rsvp-yes = Eu vou
rsvp-maybe = Talvez
rsvp-no = Não posso
month-before = O mês anterior
month-after = O mês seguinte
month-day-empty = Nada planejado nesse dia.
month-today = Hoje
month-title = { $month } de { $year }
date-short = { $weekday }, { $day } { $month }
when-all-day = { $day }, dia inteiro
when-days = { $first } – { $last }
weekday-1 = seg
weekday-2 = ter
weekday-3 = qua
weekday-4 = qui
weekday-5 = sex
weekday-6 = sáb
weekday-7 = dom
month-long-1 = Janeiro
month-long-2 = Fevereiro
month-long-3 = Março
month-long-4 = Abril
month-long-5 = Maio
month-long-6 = Junho
month-long-7 = Julho
month-long-8 = Agosto
month-long-9 = Setembro
month-long-10 = Outubro
month-long-11 = Novembro
month-long-12 = Dezembro
shifts = Turnos
shifts-none = Nenhum turno planejado. Crie um para a barraca da feira ou a recepção da oficina.
shift-new = Novo turno
shift-title = O que é
shift-places-label = Vagas
shift-places-bad = Escreva de quantas pessoas precisa (1 ou mais).
shift-create = Criar o turno
shift-places = { $taken } de { $places } vagas ocupadas
shift-standing-by = Na reserva: { $names }
shift-you-are-in = Você tem uma vaga.
shift-you-stand-by = Você se inscreveu quando estava cheio: está na reserva.
shift-join = Inscrever-me
shift-leave = Sair
shift-cancel = Cancelar o turno
shift-cancel-title = Cancelar “{ $name }”?
shift-cancel-body = Todos que se inscreveram verão que foi cancelado. Você pode desfazer depois.
shift-full = Cheio
poll-new = Nova enquete
poll-not-secret = Os votos não são secretos: todo membro vê quem votou em quê.
polls-none = Nenhuma enquete ainda
polls-none-body = Faça uma pergunta ao grupo com “Nova enquete”.
poll-question = Pergunta
poll-option-n = Opção { $count }
poll-remove-option = Remover esta opção
poll-more-options = Outra opção
poll-multiple = Membros podem escolher várias opções
poll-open = Membros podem adicionar opções
poll-create = Perguntar ao grupo
poll-closed = Encerrada
poll-how-single = Uma resposta · { $count ->
    [one] { $count } membro votou
   *[other] { $count } membros votaram
}
poll-how-multiple = Várias respostas · { $count ->
    [one] { $count } membro votou
   *[other] { $count } membros votaram
}
poll-vote = Votar
poll-change-vote = Mudar meu voto
poll-withdraw = Retirar meu voto
poll-close = Encerrar a enquete
poll-close-title = Encerrar “{ $name }”?
poll-close-body = Ninguém poderá mais votar nem mudar o voto; o resultado será final.
poll-add-option = Uma nova opção
poll-add = Adicionar
tasks-none = Nenhuma tarefa ainda
tasks-none-body = Adicione o que precisa ser feito; qualquer membro pode pegar uma tarefa.
task-new = Nova tarefa
task-due-label = Prazo
task-add = Adicionar a tarefa
task-open = aberta
task-doing = em andamento
task-done = feita
task-due = Prazo: { $when }
task-on-it = Fazendo: { $names }
task-take = Eu faço
task-let-go = Largar
task-mark-doing = Comecei
task-mark-done = Feita
task-reopen = Reabrir
remind-soon-minutes = { $name } começa em { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}
remind-soon-hours = { $name } começa em { $count ->
    [one] { $count } hora
   *[other] { $count } horas
}
remind-soon-days = { $name } começa em { $count ->
    [one] { $count } dia
   *[other] { $count } dias
}
remind-moved = { $name } mudou de data
remind-moved-to = Agora é { $when }.
remind-cancelled = { $name } foi cancelado

## Pictures and files
attach-files = Anexar imagens ou arquivos…
attach-drop = Solte os arquivos para anexá-los à sua publicação
attach-remove = Tirar { $name }
attach-privacy = O local e os dados da câmera são retirados das fotos antes de serem compartilhadas.
file-download = Baixar
file-open = Abrir
file-save = Salvar
file-waiting = Ainda não está aqui: vem de um membro que o tem, assim que um estiver online.
file-lies = Este arquivo não é o que o grupo diz que é, por isso não foi guardado.
file-saved = Salvo em { $path }
picture-loading = Carregando a imagem…
picture-damaged = Esta imagem não pode ser mostrada: está danificada ou não é realmente uma imagem.
picture-too-large = Esta imagem é grande demais para ser mostrada.
picture-kind = Imagens
picture-no-picker = Nenhum seletor de arquivos pôde ser aberto neste computador.
size-mb = { $mb } MB
size-kb = { $kb } kB
size-bytes = { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
}
avatar-label = Sua foto
avatar-choose = Escolher uma imagem…
avatar-remove = Tirar a imagem
group-picture = Imagem do grupo
group-picture-choose = Escolher uma imagem…
group-picture-remove = Tirar a imagem
settings-files = Imagens e arquivos
settings-auto-download = Baixar imagens sozinhas até
settings-auto-download-help = Miniaturas e fotos dos membros sempre vêm sozinhas. Imagens maiores e outros arquivos são baixados quando você os abre.
settings-space = { $group }: { $here } aqui de { $all }
settings-free-space = Liberar espaço
settings-free-space-help = Remove deste aparelho os arquivos que nenhum grupo usa mais.
settings-freed = { $size } liberados.
error-file-empty = Este arquivo está vazio.
error-file-too-large = Este arquivo é maior do que este grupo aceita ({ $max_mb } MB). Um admin pode aumentar o limite nas configurações do grupo.
error-group-files-full = Os arquivos deste grupo passariam do limite de { $max_mb } MB. Remova arquivos antigos ou peça a um admin para aumentar o limite.
error-file-limit-out-of-range = Um limite de arquivos vai de 1 MB a { $max_mb } MB.
error-bad-file-name = Um nome de arquivo não pode conter pastas nem caracteres de controle, e tem no máximo { $max } caracteres. Renomeie o arquivo e tente de novo.
error-not-a-file-type = O Causeway não sabe que tipo de arquivo é este.
error-not-an-image = Isto não é uma imagem que o Causeway saiba mostrar. Escolha um arquivo PNG, JPEG, WebP ou GIF.
error-too-many-files = No máximo { $max } arquivos de uma vez.
error-attachment-not-found = Este arquivo não está mais no grupo.
error-file-unreadable = { $path } não pôde ser lido ({ $detail }). Verifique o arquivo e tente de novo.
error-file-not-here = { $name } ainda não chegou, e nenhum membro que o tem está online. Tente de novo mais tarde.
error-file-not-as-referenced = { $name } não era o que o grupo diz que é, por isso não foi guardado.

## Moderation: hiding and showing again
hide = Ocultar
unhide = Mostrar de novo
hide-post-title = Ocultar esta publicação de { $name }?
hide-comment-title = Ocultar este comentário de { $name }?
hide-body = Os membros deixarão de vê-lo; a moderação continua a ver e pode mostrá-lo de novo. Diga por quê: os membros podem ler o motivo.
reason-needed = Escreva primeiro um motivo: os membros o leem, e também quem escreveu.
a-moderator = a moderação
hidden-by = Ocultado por { $name }
hidden-by-because = Ocultado por { $name }: { $reason }
tab-moderation = Moderação
moderation-nothing-hidden = Nada está oculto
moderation-nothing-hidden-help = Quando a moderação oculta uma publicação ou um comentário, ele aparece aqui com o motivo, e qualquer pessoa da moderação pode mostrá-lo de novo.
moderation-hidden-posts = { $count ->
    [one] Uma publicação oculta
   *[other] { $count } publicações ocultas
}
moderation-hidden-comments = { $count ->
    [one] Um comentário oculto
   *[other] { $count } comentários ocultos
}
moderation-on-post = Na publicação de { $name }

unhide-title = Mostrar de novo?
unhide-body = Os membros voltarão a vê-lo no feed. Diga por quê: o registro do grupo guarda o motivo.
## The moderation log
tab-log = Registro
log-filter = Quais decisões
log-filter-all = Todas as decisões
log-filter-hide = Ocultados
log-filter-unhide = Mostrados de novo
log-filter-remove = Remoções
log-filter-role = Mudanças de papel
log-filter-withdraw = Convites retirados
log-export = Exportar o registro
log-export-help = Grava o registro com o histórico assinado do grupo na pasta de exportação, para que qualquer pessoa o verifique com `causeway log verify`. Ele contém também as publicações do grupo: compartilhe-o só com pessoas a quem o grupo as mostraria.
log-help = Cada decisão da moderação e dos admins do grupo, com quem a tomou, em que papel e por quê. O dispositivo de cada membro o lê na sua própria cópia do grupo.
log-empty = Nenhuma decisão ainda
log-empty-help = Quando a moderação oculta algo, ou um admin remove alguém ou muda um papel, isso fica escrito aqui para todos os membros.
log-hid = { $name } ocultou { $kind ->
    [post] a publicação
    [comment] o comentário
    [attachment] o arquivo
    [document] o documento
   *[other] o item
} de { $other } “{ $title }”
log-unhid = { $name } mostrou de novo { $kind ->
    [post] a publicação
    [comment] o comentário
    [attachment] o arquivo
    [document] o documento
   *[other] o item
} de { $other } “{ $title }”
log-removed = { $name } removeu { $other } do grupo
log-role = { $name } deu a { $other } o papel { $role }
log-withdrew = { $name } retirou o convite “{ $title }”
log-other = { $name } tomou uma decisão que esta versão do Causeway não sabe mostrar
log-exported = O registro ({ $count } entradas) está em { $path }.
error-not-a-log-file = Esse arquivo não é um registro de moderação. Um registro é gravado com “Exportar o registro” ou `causeway log export`.
error-log-file-too-new = O registro foi gravado por um Causeway mais novo. Atualize este para verificá-lo.
error-log-history-broken = O histórico do grupo no registro não se sustenta ({ $refused } alterações recusadas, { $waiting } sem aquilo em que se baseiam): o arquivo foi danificado ou alterado.
error-log-entry-altered = A entrada { $number } do registro não é o que diz o histórico assinado do grupo: o arquivo foi alterado.
error-log-entries-missing = O registro lista { $listed } entradas, mas o histórico assinado do grupo tem { $held }: o arquivo foi alterado.

## Reports
error-report-not-found = Essa denúncia não foi encontrada neste grupo.
error-report-unreadable = Essa denúncia não pode ser aberta neste dispositivo: foi selada para a moderação do seu dia. Outra pessoa da moderação a abre e lhe passa a chave.
error-report-too-long = Uma denúncia tem no máximo { $max } caracteres.
error-unknown-category = “{ $given }” não é um motivo de denúncia. Escolha hate, sexual, violence, doxing, harassment, spam, illegal ou other.
error-unknown-verdict = “{ $given }” não é uma decisão sobre uma denúncia. Escolha hide, dismiss, warn ou remove.
error-unknown-report-target = “{ $given }” não indica nada a denunciar. Denuncie uma publicação, um comentário ou um membro.
report = Denunciar
report-post-of = a publicação de { $name }
report-comment-of = o comentário de { $name }
report-title = Denunciar { $name }
report-help = Só a moderação, os admins e a pessoa dona do grupo leem a sua denúncia; mais ninguém fica sabendo que foi você. Você verá o que for decidido.
report-pick = Escolha o motivo.
report-words = Com as suas palavras (opcional)
report-send = Enviar a denúncia
report-sealed = A sua denúncia está selada para a moderação; ela vai para o primeiro dos seus dispositivos que este alcançar.
report-filed = A sua denúncia está com a moderação.
category-hate = Discriminação ou ódio
category-sexual = Conteúdo sexual
category-violence = Apologia à violência
category-doxing = Dados privados publicados
category-harassment = Assédio ou perseguição
category-spam = Spam ou publicidade
category-illegal = Conteúdo ilegal
category-other = Outra coisa
queue-title = { $count ->
    [0] Nenhuma denúncia a decidir
    [one] Uma denúncia a decidir
   *[other] { $count } denúncias a decidir
}
queue-empty = Quando um membro denuncia algo, aparece aqui, a mais antiga primeiro.
report-about = { $kind ->
    [post] A publicação de { $name } “{ $title }”
    [comment] O comentário de { $name } “{ $title }”
    [member] { $name }
   *[other] Algo de { $name }
}
report-by = { $name } denunciou: { $kind }
warn-words = Nota privada a quem escreveu (para uma advertência; só essa pessoa e a moderação a leem)
report-dismiss = Arquivar
report-warn = Advertir
my-reports = As suas denúncias
my-report-open = { $kind } · à espera da moderação
my-report-decided = { $kind } · { $action ->
    [hide] ocultado pela moderação
    [dismiss] arquivada pela moderação
    [warn] quem escreveu foi advertido
    [remove] quem escreveu foi removido
   *[other] decidida
}: { $reason }
tab-moderation-count = Moderação ({ $count })
group-reports-waiting = { $name }, { $count ->
    [one] uma denúncia a decidir
   *[other] { $count } denúncias a decidir
}
reports-waiting = { $count ->
    [one] Uma denúncia espera a moderação
   *[other] { $count } denúncias esperam a moderação
}
log-dismissed = { $name } arquivou uma denúncia
log-warned = { $name } advertiu { $other }
log-filter-dismiss = Denúncias arquivadas
log-filter-warn = Advertências
removed-by = Você foi removido de { $group } por { $name }. O que você tinha continua legível aqui; o que você escreve não chega mais ao grupo.
removed-by-because = Você foi removido de { $group } por { $name }: { $reason }. O que você tinha continua legível aqui; o que você escreve não chega mais ao grupo.
warned-you = { $name } advertiu você, com palavras que só você e a moderação leem:

## Blocking and muting
block = Bloquear
unblock = Desbloquear
block-help = As publicações, comentários e reações desta pessoa desaparecem de todos os seus grupos, e o aparelho dela já não sincroniza com o seu. Só você sabe.
mute = Silenciar
unmute = Deixar de silenciar
mute-help = As publicações, comentários e reações desta pessoa desaparecem do seu feed. Só você sabe.
blocked-mark = Bloqueada por você
muted-mark = Silenciada por você
thread-mute = Silenciar conversa
thread-mute-help = Recolher esta publicação e os seus comentários numa linha. Só você sabe.
thread-muted = Você silenciou esta conversa: { $name }
thread-unmute = Mostrar de novo
group-mute = Silenciar este grupo (sem notificações)
group-mute-help = As novas publicações deste grupo já não o notificam. Só você sabe.
block-title = Bloquear { $name }?
block-body = As publicações, comentários e reações desta pessoa desaparecem de todos os seus grupos neste aparelho, e o aparelho dela já não sincroniza com o seu. Os grupos guardam o que ela escreveu, e ninguém é avisado. Pode desbloqueá-la nas Definições.
block-reason-label = Porquê (opcional; só você lê)
settings-blocks = Bloqueados e silenciados
settings-blocks-help = Só neste aparelho. Ninguém é avisado.
settings-blocks-none = Você não bloqueou nem silenciou ninguém nem nada.
blocked-line = Bloqueada: { $name }
blocked-line-because = Bloqueada: { $name } ({ $reason })
muted-person-line = Silenciada: { $name }
muted-thread-line = Conversa silenciada: { $name }
muted-group-line = Grupo silenciado: { $name }
error-cannot-block-self = Não pode bloquear nem silenciar a si mesmo.
error-unknown-person = Essa pessoa não é membro de nenhum dos seus grupos. Indique um membro.
error-unknown-post = Essa publicação não está neste grupo; talvez tenha sido apagada.
error-block-reason-too-long = O motivo é longo demais: no máximo { $count } caracteres.
error-unknown-mute-target = “{ $given }” não indica nada para silenciar. Indique um membro, um grupo ou uma publicação.
warning-blocks-unreadable = A sua lista de pessoas bloqueadas e silenciadas não pôde ser lida ({ $detail }). Bloqueie-as ou silencie-as de novo nas Definições.

## Leaving a group
leave = Sair deste grupo
leave-and-delete = Sair e apagar a minha cópia
leave-title = Sair de { $name }?
leave-body = Os membros ficam a saber que saiu. Deixa de receber e enviar o que quer que seja neste grupo; o que tem continua legível neste aparelho.
delete-copy = Apagar a minha cópia
delete-copy-title = Apagar a sua cópia de { $name }?
delete-copy-body = Tudo o que este aparelho guarda do grupo desaparece: publicações, comentários, documentos, ficheiros. Se ainda for membro, sai primeiro, e a cópia desaparece assim que um membro souber. Não se pode desfazer neste aparelho.
error-leave-not-delivered = Nenhum membro pôde ser contactado para saber que saiu, por isso a sua cópia fica guardada para lhes dizer. Tente de novo quando um membro estiver online.
erase-mine = Apagar todas as minhas publicações e comentários
erase-mine-title = Apagar todas as suas publicações e comentários em { $name }?
erase-mine-body = O texto deles é apagado no aparelho de cada membro, como quando apaga um. As suas reações e os documentos onde escreveu ficam. Não se pode desfazer.

## Handing a group over
error-hand-over-to-yourself = O grupo já é seu. Entregue-o a um admin.
error-hand-over-to-admin = O grupo só pode ser entregue a um admin. Torne essa pessoa admin primeiro.
error-only-owner-hands-over = Só o dono do grupo o pode entregar.
hand-over = Entregar o grupo
hand-over-title = Entregar { $name } a { $other }?
hand-over-body = Essa pessoa passa a ser a dona, e você admin. Só ela o pode devolver. Todos os membros veem isto no registo do grupo.
error-too-many-open-reports = Tem { $max } denúncias que a moderação ainda não decidiu. Espere pelas decisões antes de denunciar mais.
hidden-yours = { $name } ocultou a sua publicação: os outros membros já não a veem; você e a moderação sim.
hidden-yours-because = { $name } ocultou a sua publicação: { $reason }. Os outros membros já não a veem; você e a moderação sim.
request-via = pelo convite de { $name }
