from .roles import is_member


def membership(request):
    """`is_member`: may this visitor see personal contact details (DSGVO)?"""
    return {"is_member": is_member(getattr(request, "user", None))}
