"""Roles and agency kinds. The access matrix (lantern/access/matrix.yaml) is written in these."""

from django.db import models


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Exploitation practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    POLICE_ANALYST = "police_analyst", "Police analyst"
    POLICE_OFFICER = "police_officer", "Police officer"
    SCHOOL_DSL = "school_dsl", "School safeguarding lead"
    PANEL_CHAIR = "panel_chair", "Multi-agency panel chair"
    PARTNERSHIP_ANALYST = "partnership_analyst", "Partnership analyst"
    DPO = "dpo", "Data protection officer"
    SYSADMIN = "sysadmin", "System administrator"


class AgencyKind(models.TextChoices):
    CHILDRENS_SERVICES = "childrens_services", "Children's services"
    POLICE = "police", "Police"
    EDUCATION = "education", "Education"
    SCHOOL = "school", "School"
    HEALTH = "health", "Health"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    VOLUNTARY = "voluntary", "Voluntary or youth organisation"
    PARTNERSHIP = "partnership", "Partnership or OPCC"
