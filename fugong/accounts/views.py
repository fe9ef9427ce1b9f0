from django.http import HttpResponse


def device_list(request):
    return HttpResponse()


device_create = device_revoke = device_list
