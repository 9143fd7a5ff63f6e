from .conversations import Conversation, ConversationRead, Message
from .posts import DEFAULT_VALIDITY, MAX_VALIDITY, Post, PostRegion

__all__ = ["DEFAULT_VALIDITY", "MAX_VALIDITY", "Conversation", "ConversationRead", "Message", "Post", "PostRegion"]
