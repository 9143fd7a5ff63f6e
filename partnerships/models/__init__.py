from .conversations import Conversation, ConversationRead, Message
from .meetings import BrokerageSession, MeetingProfile, MeetingRequest
from .posts import DEFAULT_VALIDITY, MAX_VALIDITY, Post, PostRegion

__all__ = [
    "BrokerageSession",
    "MeetingProfile",
    "MeetingRequest",
    "DEFAULT_VALIDITY",
    "MAX_VALIDITY",
    "Conversation",
    "ConversationRead",
    "Message",
    "Post",
    "PostRegion",
]
