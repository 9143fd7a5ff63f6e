from django import template

from partnerships import matching, selectors
from partnerships.access import active_companies_of

register = template.Library()


@register.simple_tag
def board_summary(user) -> dict:
    """My space's "Board" card: the person's companies' posts and suggestions for the first active company (a
    bounded handful of queries). Unread messages have their own panel (partnerships.dashboard)."""
    if not user.is_authenticated:
        return {}
    companies = active_companies_of(user)
    posts = list(selectors.my_posts(user=user).exclude(status="closed")[:5])
    suggestions = matching.suggestions_for_company(companies[0]) if companies else matching.Suggestions()
    return {
        "companies": companies,
        "posts": posts,
        "suggestions": suggestions,
    }
