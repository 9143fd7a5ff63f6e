"""An admin page that shows one submission and lets the secretariat decide it with a message: a membership
application (approve or reject), a board post (publish or send back). The decision itself is a service."""

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.admin.views.generic import models as generic


class DecisionView(generic.EditView):
    """Subclasses set `decision_form_class` (a form with a `message` field: the viewset sets `form_class` to a model
    form), `context_object_name`, `error_class` (the services' domain error, carrying `.message`) and
    `missing_choice`, and implement `decisions()` and `success_message()`."""

    decision_form_class: type
    context_object_name: str
    error_class: type[Exception]
    missing_choice: str

    def get_form_class(self):
        return self.decision_form_class

    def get_form_kwargs(self):
        # A plain form (the message to the applicant or author), not a form over the model.
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        kwargs.pop("for_user", None)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context[self.context_object_name] = self.object
        return context

    def decisions(self) -> dict[str, tuple[Callable[..., object], str]]:
        """decision posted → (the service, called with `by` and `message`; the success message)."""
        raise NotImplementedError

    def success_message(self, template: str) -> str:
        raise NotImplementedError

    def form_valid(self, form):
        self.form = form
        decision = self.decisions().get(self.request.POST.get("decision"))
        try:
            if decision is None:
                raise self.error_class(self.missing_choice)
            service, success = decision
            service(by=self.request.user, message=form.cleaned_data["message"])
        except self.error_class as error:
            form.add_error(None, error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(success))
        return redirect(self.get_success_url())
