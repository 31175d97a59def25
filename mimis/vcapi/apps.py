from django.apps import AppConfig


class VcApiConfig(AppConfig):
    name = "mimis.vcapi"
    label = "vcapi"
    verbose_name = "VC API"
