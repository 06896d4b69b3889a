from wagtail.snippets.views.snippets import SnippetViewSet

from learning.mailings.models import MessageTemplate


class MessageTemplateViewSet(SnippetViewSet):
    """Staff keep the templates; trainers start each message from one."""

    model = MessageTemplate
    icon = "mail"
    menu_label = "Message templates"
    list_display = ["name", "subject"]
