from django.urls import path

from dialogues.views import checkin, downloads, jobs, petitions, registration, reports, sessions

app_name = "dialogues"
urlpatterns = [
    path("", sessions.session_list, name="session-list"),
    path("tao-moi/", sessions.session_create, name="session-create"),
    path("ke-hoach/<int:plan_pk>/", sessions.plan_sessions, name="plan-sessions"),
    path("ke-hoach/<int:plan_pk>/tao-loat/", sessions.series_create, name="series-create"),
    path("ke-hoach/<int:plan_pk>/bao-cao/", reports.plan_report, name="plan-report"),
    path("ke-hoach/<int:plan_pk>/bao-cao.<str:fmt>", downloads.report_file, name="plan-report-file"),
    path("ke-hoach/<int:plan_pk>/<str:kind>.<str:fmt>", downloads.plan_sheet, name="plan-sheet"),
    path("<int:pk>/", sessions.session_detail, name="session-detail"),
    path("<int:pk>/sua/", sessions.session_edit, name="session-edit"),
    path("<int:pk>/dai-bieu/", sessions.session_officials, name="session-officials"),
    path("<int:pk>/chuyen/<str:to>/", sessions.session_transition, name="session-transition"),
    path("<int:pk>/bien-ban/", sessions.session_minutes, name="session-minutes"),
    path("<int:pk>/bien-ban.<str:fmt>", downloads.minutes, name="minutes-file"),
    path("<int:pk>/dang-ky/", registration.register_page, name="register"),
    path("<int:pk>/dang-ky/tim/", registration.register_search, name="register-search"),
    path("<int:pk>/dang-ky/them/", registration.register_add, name="register-add"),
    path("<int:pk>/dang-ky/ngoai-so/", registration.register_new, name="register-new"),
    path("<int:pk>/dang-ky/du-so-luong/", registration.register_fill, name="register-fill"),
    path("<int:pk>/dang-ky/<int:attendee_pk>/bo/", registration.register_remove, name="register-remove"),
    path("<int:pk>/diem-danh/", checkin.checkin_page, name="checkin"),
    path("<int:pk>/diem-danh/cham/", checkin.checkin_tap, name="checkin-tap"),
    path("<int:pk>/diem-danh/them/", checkin.checkin_walk_in, name="checkin-walk-in"),
    path("<int:pk>/giay-moi.pdf", downloads.invitations, name="invitations"),
    path("<int:pk>/giay-moi/<int:attendee_pk>.pdf", downloads.invitations, name="invitation"),
    path("<int:pk>/<str:kind>.<str:fmt>", downloads.session_sheet, name="session-sheet"),
    path("<int:pk>/y-kien/them/", petitions.petition_create, name="petition-create"),
    path("y-kien/", petitions.petition_list, name="petition-list"),
    path("y-kien/<int:pk>/", petitions.petition_detail, name="petition-detail"),
    path("uu-tien/<int:unit_pk>/", reports.priorities, name="priorities"),
    path("tai-lieu/<int:pk>/", jobs.job_detail, name="job-detail"),
    path("tai-lieu/<int:pk>/tien-do/", jobs.job_progress, name="job-progress"),
    path("tai-lieu/<int:pk>/tai-ve.pdf", jobs.job_file, name="job-file"),
]
