global using CaseManager.Application.Common.Exceptions;
global using CaseManager.Application.Common.Interfaces;
global using CaseManager.Application.Common.Security;
global using FluentValidation;
global using Mediator;
global using Microsoft.EntityFrameworkCore;
global using Severity = CaseManager.Domain.Cases.Severity;
