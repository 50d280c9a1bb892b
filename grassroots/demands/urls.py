from django.urls import path

from .views import anonymity, attachments, citizen, dispatch, handling, intake, lists, signoff

app_name = "demands"

urlpatterns = [
    # Staff
    path("demands/", lists.demand_list, name="list"),
    path("demands/<int:pk>/", handling.demand_detail, name="detail"),
    path("demands/<int:pk>/dispatch/", handling.demand_dispatch, name="dispatch"),
    path("demands/<int:pk>/merge/", handling.demand_merge, name="merge"),
    path("demands/<int:pk>/follow-up/", handling.demand_follow_up, name="follow_up"),
    path("demands/<int:pk>/assignments/<int:apk>/<slug:form>/", handling.assignment_action,
         name="assignment_action"),
    path("demands/<int:pk>/attachments/<int:att_pk>/", attachments.attachment_file,
         name="attachment"),
    # The security auditor only: who submitted an anonymous demand (each look is logged).
    path("demands/anonymous-submitter/", anonymity.anonymous_submitter,
         name="anonymous_submitter"),
    path("dispatch/", dispatch.queue, name="dispatch_queue"),
    path("dispatch/batch/", dispatch.batch, name="dispatch_batch"),
    path("dispatch/<int:pk>/form/", dispatch.queue_form, name="dispatch_queue_form"),
    path("dispatch/assisting-units/", dispatch.assisting_units,
         name="dispatch_assisting_units"),
    path("inbox/", lists.inbox, name="inbox"),
    # The unit leader's sign-off queue and the units' sign-off settings.
    path("signoff/", signoff.signoff_queue, name="signoff_queue"),
    path("signoff/settings/", signoff.signoff_settings, name="signoff_settings"),
    path("signoff/settings/<int:pk>/", signoff.signoff_settings_save,
         name="signoff_settings_save"),
    path("visit/new/", intake.visit_new, name="visit_new"),
    path("phone/new/", intake.phone_new, name="phone_new"),
    # Citizens
    path("my/", citizen.my_list, name="my_list"),
    path("my/register/", citizen.register, name="register"),
    path("my/phone/", citizen.my_phone, name="my_phone"),
    path("my/new/", citizen.my_new, name="my_new"),
    path("my/demands/<int:pk>/", citizen.my_detail, name="my_detail"),
    path("my/demands/<int:pk>/rate/", citizen.my_rate, name="my_rate"),
    path("track/", citizen.track, name="track"),
]
