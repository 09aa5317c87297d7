global using CaseManager.Application.Common.Exceptions;
global using CaseManager.Web.Infrastructure;
global using Mediator;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
